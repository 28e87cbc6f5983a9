// usage: node e2e/run.mjs — starts the packaged server, drives Debian's chromium through every scenario, stops the server.
// Every scenario runs even after a failure; each is reported with its time, the last line is
// "e2e: N passed, M failed", and the exit code is 1 when any failed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { accountScenarios } from './account.scenarios.mjs';
import { dashboardScenarios } from './dashboard.scenarios.mjs';
import { repo, shots } from './helpers.mjs';
import { notebookScenarios } from './notebook.scenarios.mjs';
import { portalScenarios } from './portal.scenarios.mjs';
import { rosterScenarios } from './roster.scenarios.mjs';
import { closingLine, reportLine, runAll } from './runner.mjs';
import { startServer } from './server.mjs';

const scenarios = [...portalScenarios, ...dashboardScenarios, ...accountScenarios, ...rosterScenarios,
  ...notebookScenarios];
const VIEWPORT = { width: 1280, height: 900 };

async function launch(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: VIEWPORT,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20_000);
  return context;
}

async function main() {
  mkdirSync(shots, { recursive: true });
  let server;
  try {
    server = await startServer(repo);
  } catch (e) {
    console.log(`FAIL the server did not start: ${e.message}`);
    console.log(closingLine([], scenarios.length));
    process.exit(1);
  }
  const profile = mkdtempSync(join(tmpdir(), 'tensormark-chromium-'));
  let results = [];
  let context;
  try {
    context = await launch(profile);
    const page = context.pages()[0] ?? await context.newPage();
    results = await runAll(scenarios, {
      page, base: server.base, context,
      report: (r) => console.log(reportLine(r)),
      onFailure: async (index) => {
        await page.screenshot({ path: join(shots, `failure-${index}.png`) }).catch(() => undefined);
        // A failure may leave a phone-sized window or an open dialog behind; the next scenario gets
        // the usual window and a freshly loaded page.
        await page.setViewportSize(VIEWPORT);
        await page.reload().catch(() => undefined);
      },
    });
  } catch (e) {
    console.log(`FAIL the browser could not run the scenarios: ${e.stack ?? e}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.passed);
  if (failed.length || results.length < scenarios.length) {
    console.log(`failed: ${failed.map((r) => r.name).join('; ') || '(the browser stopped)'}`);
    console.log(`server log in ${server.dir}/server.log; screenshots in ${shots}`);
  } else {
    rmSync(server.dir, { recursive: true, force: true });
  }
  console.log(closingLine(results, scenarios.length));
  process.exit(results.length === scenarios.length && failed.length === 0 ? 0 : 1);
}

await main();

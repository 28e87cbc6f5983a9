// usage: node e2e/run.mjs — starts the packaged server, drives Debian's chromium through every scenario, stops the server.
// Every scenario runs even after a failure; each is reported with its time, and the run fails at the end
// when any did, with the closing line "e2e: N passed, M failed".
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { accountScenarios } from './account.scenarios.mjs';
import { dashboardScenarios } from './dashboard.scenarios.mjs';
import { repo, shots } from './helpers.mjs';
import { portalScenarios } from './portal.scenarios.mjs';
import { startServer } from './server.mjs';

const scenarios = [...portalScenarios, ...dashboardScenarios, ...accountScenarios];
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

/** Runs one scenario; returns its report line's facts and never throws. */
async function runOne({ name, fn }, index, page, base, context) {
  const started = Date.now();
  try {
    await fn(page, base, context);
    return { name, passed: true, ms: Date.now() - started };
  } catch (e) {
    const ms = Date.now() - started;
    await page.screenshot({ path: join(shots, `failure-${index}.png`) }).catch(() => undefined);
    // A failure may leave a phone-sized window behind; the next scenario starts from the usual one.
    await page.setViewportSize(VIEWPORT).catch(() => undefined);
    return { name, passed: false, ms, error: e.stack ?? String(e) };
  }
}

function report(r) {
  console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)`);
  if (!r.passed) console.log(`     ${r.error.replaceAll('\n', '\n     ')}`);
}

async function main() {
  mkdirSync(shots, { recursive: true });
  let server;
  try {
    server = await startServer(repo);
  } catch (e) {
    console.log(`FAIL the server did not start: ${e.message}`);
    console.log(`e2e: 0 passed, ${scenarios.length} failed`);
    process.exit(1);
  }
  const profile = mkdtempSync(join(tmpdir(), 'tensormark-chromium-'));
  const results = [];
  let context;
  try {
    context = await launch(profile);
    const page = context.pages()[0] ?? await context.newPage();
    for (const [index, scenario] of scenarios.entries()) {
      const result = await runOne(scenario, index, page, server.base, context);
      report(result);
      results.push(result);
    }
  } catch (e) {
    console.log(`FAIL the browser could not run the scenarios: ${e.stack ?? e}`);
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = scenarios.length - passed;
  if (failed) {
    console.log(`failed: ${results.filter((r) => !r.passed).map((r) => r.name).join('; ') || 'all (see above)'}`);
    console.log(`server log in ${server.dir}/server.log; screenshots in ${shots}`);
  } else {
    rmSync(server.dir, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();

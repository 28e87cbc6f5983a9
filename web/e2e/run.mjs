// usage: node e2e/run.mjs — starts the packaged server, drives Debian's chromium through the portal, stops the server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { dashboardScenarios } from './dashboard.scenarios.mjs';
import { repo, shots } from './helpers.mjs';
import { portalScenarios } from './portal.scenarios.mjs';
import { startServer } from './server.mjs';

const scenarios = [...portalScenarios, ...dashboardScenarios];

async function main() {
  mkdirSync(shots, { recursive: true });
  const server = await startServer(repo);
  const profile = mkdtempSync(join(tmpdir(), 'tensormark-chromium-'));
  let failed = 0;
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context.setDefaultTimeout(20_000);
    const page = context.pages()[0] ?? await context.newPage();
    for (const { name, fn } of scenarios) {
      const started = Date.now();
      try {
        await fn(page, server.base, context);
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}\n     ${e.stack ?? e}`);
        await page.screenshot({ path: join(shots, `failure-${scenarios.findIndex((s) => s.name === name)}.png`) })
          .catch(() => undefined);
        break;
      }
    }
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  if (failed) {
    console.log(`e2e: ${failed} scenario failed; server log in ${server.dir}/server.log`);
    process.exit(1);
  }
  rmSync(server.dir, { recursive: true, force: true });
  console.log(`e2e: all ${scenarios.length} scenarios passed; screenshots in ${shots}`);
}

await main();

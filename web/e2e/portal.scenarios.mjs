// The student portal: hand-in, receipt, feedback, late penalty, access to others' work, staff basics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  handIn, handinPy, reportPdf, resultIdOf, sha256, shots, signIn, signOut, state, waitForNewResult, waitForScore,
} from './helpers.mjs';

export const portalScenarios = [];
const scenario = (name, fn) => portalScenarios.push({ name, fn });

scenario('a file of the wrong type is refused before upload', async (page, base) => {
  await signIn(page, base, 'alice');
  await page.getByRole('link', { name: 'Demo: open assignment' }).click();
  await page.locator('#file-code').setInputFiles(reportPdf);
  await page.getByText('report.pdf is not one of the accepted types for code').waitFor();
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page.getByText('Choose a valid file for: code, report.').waitFor();
});

scenario('an expired session asks to sign in again and keeps the chosen files', async (page, base, context) => {
  await page.goto(`${base}/#/assignments/demo-open`);
  await page.locator('#file-code').setInputFiles(handinPy);
  await page.locator('#file-report').setInputFiles(reportPdf);
  await page.getByText('Selected: report.pdf').waitFor();
  await context.clearCookies();
  await page.getByRole('button', { name: 'Hand in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your session has expired' });
  await dialog.getByLabel('Username').fill('alice');
  await dialog.getByLabel('Password').fill('alice-demo');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/#\/submissions\//);
  await page.locator('.receipt').getByText(sha256(handinPy)).waitFor();
});

scenario('alice hands in the demo solution and sees it scored with feedback', async (page, base) => {
  await handIn(page, base, 'Demo: open assignment');
  await page.getByText('Late rule').waitFor();
  await page.screenshot({ path: join(shots, 'handin-page.png'), fullPage: true });
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page.waitForURL(/#\/submissions\//);
  state.aliceSubmission = decodeURIComponent(page.url().split('#/submissions/')[1]);
  const receipt = page.locator('.receipt');
  await receipt.getByText(sha256(handinPy)).waitFor();
  await receipt.getByText(sha256(reportPdf)).waitFor();
  assert.equal((await page.getByTestId('submission-id').textContent()).trim(), state.aliceSubmission);

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download receipt (JSON)' }).click()]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.submissionId, state.aliceSubmission);
  assert.equal(saved.files.length, 2);

  await waitForScore(page);
  const softmax = page.locator('[data-check="softmax"]');
  await softmax.getByText('4 / 4 points').waitFor();
  assert.equal(await softmax.locator('.check-head .status').textContent(), 'passed');
  await softmax.getByText('all 12 values match').first().waitFor();
  const relu = page.locator('[data-check="relu"]');
  assert.equal(await relu.locator('.check-head .status').textContent(), 'passed');
  assert.equal(await relu.locator('.cases').count(), 0, 'hidden check shows no cases');
  await page.getByText('Hidden checks: 1 of 1 passed.').waitFor();
  await page.locator('[data-check="report"]').getByText('The PDF opens').waitFor();
  await page.screenshot({ path: join(shots, 'feedback-page.png'), fullPage: true });

  await page.getByRole('link', { name: '← Demo: open assignment' }).click();
  await page.locator(`.handin-history [data-submission="${state.aliceSubmission}"]`).waitFor();
});

scenario('a hand-in to demo-late shows its late penalty sentence', async (page, base) => {
  await handIn(page, base, 'Demo: inside its late window');
  await page.locator('.if-now').getByText(/late: submitted .* −\d+ %/).waitFor();
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page.waitForURL(/#\/submissions\//);
  state.aliceLateSubmission = decodeURIComponent(page.url().split('#/submissions/')[1]);
  await waitForScore(page);
  const sentence = (await page.locator('.late-sentence').textContent()).trim();
  assert.match(sentence, /^\d+ days? late: submitted .*, due .*, −\d+ %$/);
  await page.getByText(/Before the late penalty: .* penalty \d+ %/).waitFor();
});

scenario('the hand-in page works at phone width without sideways scrolling', async (page, base) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/#/assignments/demo-open`);
  await page.locator('#file-code').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(shots, 'handin-page-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'file-code');
  }
  assert.ok(reached, 'the code file picker is reachable with the keyboard');
  await signOut(page);
});

scenario('bob cannot open alice\'s hand-in page by URL', async (page, base) => {
  await signIn(page, base, 'bob');
  await page.goto(`${base}/#/submissions/${state.aliceSubmission}`);
  await page.getByRole('heading', { name: 'Hand-in not found' }).waitFor();
  await page.getByText(`No hand-in ${state.aliceSubmission} that you can see.`).waitFor();
  assert.equal(await page.locator('.receipt').count(), 0);
  const status = await page.evaluate(async (id) => (await fetch(`/api/submissions/${id}/result`)).status,
    state.aliceSubmission);
  assert.equal(status, 404);
  await signOut(page);
});

scenario('a TA sees every hand-in with hidden checks and provenance, regrades and grants an extension', async (page, base) => {
  await signIn(page, base, 'tom');
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  const row = page.locator(`tr[data-submission="${state.aliceSubmission}"]`);
  await row.waitFor();
  const before = await resultIdOf(page, state.aliceSubmission);
  assert.ok(before, 'alice\'s hand-in was scored before the regrade');
  await row.getByRole('button', { name: 'Regrade' }).click();
  await page.getByText(/Regrade queued \(job \d+\)\./).waitFor();
  await page.getByLabel('Student username').fill('alice');
  await page.getByLabel(/New due time/).fill('2031-01-15T23:59');
  await page.getByLabel(/Reason/).fill('medical certificate');
  await page.getByRole('button', { name: 'Grant extension' }).click();
  await page.getByText('Extension granted to alice').waitFor();
  await page.screenshot({ path: join(shots, 'staff-page.png'), fullPage: true });

  await waitForNewResult(page, state.aliceSubmission, before);
  await row.getByRole('link').click();
  await waitForScore(page);
  await page.locator('[data-check="relu"] .cases').waitFor();
  await page.getByText('Provenance (staff only)').waitFor();
  await signOut(page);
});

scenario('an instructor releases hidden results and alice then sees the hidden check in full', async (page, base) => {
  await signIn(page, base, 'ingrid');
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  await page.getByRole('button', { name: 'Release hidden results' }).click();
  await page.getByText('Hidden results released').waitFor();
  await signOut(page);
  await signIn(page, base, 'alice');
  await page.goto(`${base}/#/submissions/${state.aliceSubmission}`);
  await waitForScore(page);
  await page.locator('[data-check="relu"] .cases').waitFor();
  await page.goto(`${base}/#/assignments/demo-open`);
  await page.getByText('You have an extension').waitFor();
});


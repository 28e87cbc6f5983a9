// A notebook assignment (demo-notebook): the release downloaded and filled in, the hand-in's live
// progress line in the portal and in the dashboard's "Running now" card, then per-cell feedback.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, scoredByApi, shots, signIn, signOut, startHandInByApi, state, waitForScore } from './helpers.mjs';

export const notebookScenarios = [];
const scenario = (name, fn) => notebookScenarios.push({ name, fn });
const ASSIGNMENT = 'demo-notebook';
// The locked `train` cell sleeps 8 s: the line names the notebook, that cell and the seconds so far.
const RUNNING_TRAIN = /^Notebook Warmup, cell \d+ \(train\): (\d+) s in this notebook, step \d+ of \d+\.$/;
const SCORING_MS = 180_000;

const gradeId = (cell) => cell.metadata?.nbgrader?.grade_id;
const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** The release's student notebook with the answer cell filled in as a student would. */
function filledIn(release, answer) {
  const nb = JSON.parse(release);
  const cell = nb.cells.find((c) => gradeId(c) === 'answer');
  cell.source = answer;
  return JSON.stringify(nb);
}

/** Seconds the progress line reports, once it names the train cell. */
async function trainSeconds(progress) {
  await progress.filter({ hasText: /\(train\)/ }).waitFor({ timeout: SCORING_MS });
  const text = (await progress.textContent()).trim();
  const match = text.match(RUNNING_TRAIN);
  assert.ok(match, `the progress line reads as expected: "${text}"`);
  return Number(match[1]);
}

scenario('alice downloads the notebook release, fills it in, hands it in, watches its progress and reads per-cell feedback', async (page, base) => {
  await signIn(page, base, 'alice');
  await page.getByRole('link', { name: 'Demo: notebook assignment' }).click();
  await page.getByRole('heading', { name: 'Demo: notebook assignment', level: 1 }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the notebooks and data files (zip)' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'tensormark-e2e-release-'));
  try {
    execFileSync('python3', ['-m', 'zipfile', '-e', await download.path(), join(dir, 'release')]);
    assert.deepEqual(readdirSync(join(dir, 'release')).sort(), ['Warmup.ipynb', 'scores.csv']);
    const release = readFileSync(join(dir, 'release/Warmup.ipynb'), 'utf8');
    const cells = JSON.parse(release).cells;
    assert.match(sourceOf(cells.find((c) => gradeId(c) === 'answer')), /# YOUR CODE HERE/, 'the answer is a stub');
    assert.ok(!release.includes('HIDDEN TESTS') && !release.includes('7.5'), 'no hidden test in the release');
    assert.ok(!release.includes('sum(scores)'), 'no solution in the release');

    const handin = join(dir, 'tan_alice_Warmup.ipynb');
    writeFileSync(handin, filledIn(release, 'mean_score = sum(scores) / len(scores)\ntop_score = max(scores)\n'));
    await page.locator('#file-code').setInputFiles(handin);
    await page.getByText('Selected: tan_alice_Warmup.ipynb').waitFor();
    await page.getByRole('button', { name: 'Hand in' }).click();
    await page.waitForURL(/#\/submissions\//);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  state.aliceNotebook = decodeURIComponent(page.url().split('#/submissions/')[1]);

  const progress = page.getByTestId('result-progress');
  const first = await trainSeconds(progress);
  await page.screenshot({ path: join(shots, 'notebook-progress.png'), fullPage: true });
  await page.waitForFunction(([seconds]) => {
    const m = document.querySelector('[data-testid="result-progress"]')?.textContent?.match(/\(train\): (\d+) s/);
    return m !== null && m !== undefined && Number(m[1]) > seconds;
  }, [first], { timeout: 20_000, polling: 250 });

  await waitForScore(page);
  assert.equal(await progress.isHidden(), true, 'no progress line once scored');
  const check = page.locator('[data-check="notebooks"]');
  await check.getByText('3 / 3 points').first().waitFor();
  assert.equal((await check.locator('p').first().textContent()).trim(), '2 of 2 test cells passed',
    'a notebook made from the release is not flagged for edited locked cells');
  for (const [id, points] of [['t-mean', '2 / 2 points'], ['t-top', '1 / 1 points']]) {
    const cell = check.locator(`[data-cell="${id}"]`);
    assert.equal(await cell.locator('.status').textContent(), 'passed', `${id} passed`);
    await cell.getByText(points).waitFor();
  }
  await page.screenshot({ path: join(shots, 'notebook-feedback.png'), fullPage: true });
  await signOut(page);
});

scenario('a TA watches a notebook hand-in under "Running now" on the dashboard, then reads which cell it lost', async (page, base) => {
  await signIn(page, base, 'tom');
  await page.goto(`${base}/#/staff/assignments/${ASSIGNMENT}`);
  const running = page.getByTestId('running-handins');
  await running.getByText('No hand-in is being graded now.').waitFor();

  const wrong = readFileSync(join(repo, `assignments/${ASSIGNMENT}/wrong/mean-of-the-first-row/tan_alice_Warmup.ipynb`));
  const started = await startHandInByApi(base, 'bob', ASSIGNMENT, { code: ['lim_bob_Warmup.ipynb', wrong] });
  const row = running.locator(`tr[data-submission="${started.submissionId}"]`);
  await row.filter({ hasText: /\(train\)/ }).waitFor({ timeout: SCORING_MS });
  const [student, notebook, cell, inNotebook, inJob] = (await row.locator('td').allTextContents()).map((t) => t.trim());
  assert.deepEqual([student, notebook], ['bob', 'Warmup']);
  assert.match(cell, /^cell \d+ \(train\)$/);
  assert.match(inNotebook, /^\d+ s$/);
  assert.match(inJob, /^\d+ s$/);
  await page.screenshot({ path: join(shots, 'dashboard-running-now.png'), fullPage: true });

  await scoredByApi(base, started);
  await running.getByText('No hand-in is being graded now.').waitFor();
  await page.goto(`${base}/#/submissions/${started.submissionId}`);
  await waitForScore(page);
  const check = page.locator('[data-check="notebooks"]');
  await check.getByText('1 / 3 points').first().waitFor();
  const lost = check.locator('[data-cell="t-mean"]');
  assert.equal(await lost.locator('.status').textContent(), 'failed');
  await lost.getByText('mean_score is 6.0, the scores average 7.5').waitFor();
  assert.equal(await check.locator('[data-cell="t-top"] .status').textContent(), 'passed');
  await signOut(page);
});

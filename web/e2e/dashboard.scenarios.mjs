// Hand-in files, groups, the instructors' dashboard, overrides and rubric grades as students then see them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  handInByApi, painted, reachByTab, repo, resultIdOf, shots, signIn, signOut, state, unlabelledFields, waitForNewResult,
  waitForScore,
} from './helpers.mjs';

export const dashboardScenarios = [];
const scenario = (name, fn) => dashboardScenarios.push({ name, fn });
const OVERRIDE_REASON = 'Handed in late because of the campus network outage on Friday';

scenario('alice sees her hand-in\'s files: the code highlighted and the report inline', async (page, base) => {
  await page.goto(`${base}/#/submissions/${state.aliceSubmission}`);
  const code = page.locator('[data-file="code"] .code-view');
  await code.getByText('def softmax').waitFor();
  assert.ok(await code.locator('.hljs-keyword').count() > 0, 'the Python code is highlighted');
  await page.locator('[data-file="report"] object[type="application/pdf"]').waitFor({ state: 'attached' });
  const pdf = await page.evaluate(async (id) => {
    const r = await fetch(`/api/submissions/${id}/files/report`);
    return { status: r.status, type: r.headers.get('content-type') };
  }, state.aliceSubmission);
  assert.deepEqual(pdf, { status: 200, type: 'application/pdf' });
  assert.equal(await page.locator('.staff-actions, .audit-trail').count(), 0, 'students get no staff tools');
});

scenario('alice creates a group for the project, bob joins with the invite code and leaves again', async (page, base) => {
  await page.goto(`${base}/#/assignments/project`);
  await page.getByLabel('Name of a new group').fill('Tensor Titans');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByText('You are now in \'Tensor Titans\'.').waitFor();
  const code = (await page.getByTestId('invite-code').textContent()).trim();
  assert.match(code, /^[A-Z2-9]{8}$/);
  await signOut(page);
  await signIn(page, base, 'bob');
  await page.goto(`${base}/#/assignments/project`);
  await page.getByLabel('Invite code from a group member').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Join group' }).click();
  await page.getByText('Alice Tan, Bob Lim (2 of at most 3)').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Leave the group' }).click();
  await page.getByText('You left \'Tensor Titans\'.').waitFor();
  await page.getByRole('button', { name: 'Join group' }).waitFor();
  await signOut(page);
});

scenario('carol and dave hand in known-wrong solutions (over the API)', async (page, base) => {
  const wrong = (variant) => readFileSync(join(repo, `assignments/demo-open/wrong/${variant}/handin.py`));
  state.carolSubmission = await handInByApi(base, 'carol', 'demo-open', 'handin.py', wrong('overflow'));
  state.daveSubmission = await handInByApi(base, 'dave', 'demo-open', 'handin.py', wrong('identity-relu'));
});

scenario('an instructor sees the class on the dashboard: counts, charts, pass rates and the student table', async (page, base) => {
  await signIn(page, base, 'ingrid');
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  const counts = page.getByTestId('class-counts');
  await counts.getByText('students').waitFor();
  assert.equal(await counts.locator('.stat').allTextContents().then((t) => t.join(' | ')),
    '4students | 3handed in | 1not yet | 0late | 0awaiting a score');
  for (const chart of ['histogram', 'pass-rates', 'over-time']) {
    assert.ok(await painted(page, `[data-chart="${chart}"] canvas`), `the ${chart} chart is drawn`);
  }
  const rates = page.locator('[data-chart="pass-rates"]');
  await rates.getByText('Show as a table').click();
  const worst = await rates.locator('tbody tr').first().locator('td').allTextContents();
  assert.ok(['softmax', 'relu'].includes(worst[0]) && worst[5] === '66.7 %', `worst check first: ${worst}`);
  await rates.getByText('Show as a table').click();

  const students = page.locator('.student-table');
  const shown = page.locator('.student-table').locator('..').getByRole('status');
  await page.getByLabel('Show').selectOption('missing');
  await shown.getByText('1 student(s)').waitFor();
  assert.deepEqual(await students.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.student)),
    ['bob'], 'only bob has not handed in');
  await page.getByLabel('Show').selectOption('failed');
  await shown.getByText('2 student(s)').waitFor();
  assert.deepEqual(await students.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.student)),
    ['carol', 'dave']);
  await page.getByLabel('Show').selectOption('');
  await page.getByLabel('Search by name or username').fill('car');
  await shown.getByText('1 student(s)').waitFor();
  await students.locator('tr[data-student="carol"]').getByText('failed a check').waitFor();
  await page.getByLabel('Search by name or username').fill('');
  await shown.getByText('4 student(s)').waitFor();
  await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
  assert.deepEqual(await unlabelledFields(page), [], 'every form field of the dashboard has a label');
  await page.locator('h1').click();
  assert.ok(await reachByTab(page, 'student-search'), 'the student search is reachable with the keyboard');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'student-filter');

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export gradebook (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /^username,name,demo-closed,demo-late,demo-notebook,demo-open$/);
  assert.match(csv, /"alice","Alice Tan",/);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('class-counts').waitFor();
  assert.ok(await painted(page, '[data-chart="histogram"] canvas'), 'the histogram is drawn at phone width');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(shots, 'dashboard-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.reload();
  await page.getByTestId('class-counts').waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `the dashboard is ${wide}px wider than a 1080p screen`);
  await page.setViewportSize({ width: 1280, height: 900 });
});

scenario('the instructor finds alice\'s late hand-in on the dashboard and overrides its score with a reason', async (page, base) => {
  await page.goto(`${base}/#/staff/assignments/demo-late`);
  await page.getByTestId('class-counts').getByText('late').waitFor();
  await page.getByLabel('Show').selectOption('late');
  const row = page.locator('.student-table tr[data-student="alice"]');
  await row.getByText('late').waitFor();
  await row.getByRole('link', { name: 'Open hand-in' }).click();
  await page.waitForURL(new RegExp(`#/submissions/${state.aliceLateSubmission}$`));
  await waitForScore(page);
  await page.getByRole('button', { name: 'Override score' }).click();
  assert.ok(await page.getByLabel(/^Reason \(required/).evaluate((el) => el.validity.valueMissing),
    'the browser asks for a reason before anything is sent');
  await page.getByLabel(/^Final points/).fill('7');
  await page.getByLabel(/^Reason \(required/).fill(OVERRIDE_REASON);
  await page.getByRole('button', { name: 'Override score' }).click();
  await page.getByText('Score overridden: 7 points.').waitFor();
  await page.locator('.score').getByText('7 / 10 points').waitFor();
  const audit = page.locator('.audit-trail tr[data-action="submission.rescore"]').first();
  await audit.getByText('ingrid').waitFor();
  await audit.getByText(OVERRIDE_REASON, { exact: false }).waitFor();
  await page.screenshot({ path: join(shots, 'staff-handin-page.png'), fullPage: true });
  assert.deepEqual(await unlabelledFields(page), [], 'every form field of the hand-in page has a label');
  await page.getByText('Provenance (staff only)').click();
  await page.locator('.provenance').getByText('Seeds per check').waitFor();
  await signOut(page);
});

scenario('alice sees the overridden score and the instructor\'s reason', async (page, base) => {
  await signIn(page, base, 'alice');
  await page.goto(`${base}/#/submissions/${state.aliceLateSubmission}`);
  await waitForScore(page);
  await page.locator('.score').getByText('7 / 10 points').waitFor();
  await page.locator('.override-reason').getByText(OVERRIDE_REASON, { exact: false }).waitFor();
  await signOut(page);
});

scenario('a TA grades the rubric item, regrades every hand-in, and the grade survives the regrade', async (page, base) => {
  await signIn(page, base, 'tom');
  await page.goto(`${base}/#/submissions/${state.aliceSubmission}`);
  await waitForScore(page);
  assert.equal(await page.locator('.override-form').count(), 0, 'only instructors override');
  await page.getByLabel('Points for review (0–2)').fill('2');
  await page.getByLabel('Comment for the student on review').fill('Clear code and a tidy report.');
  await page.getByRole('button', { name: 'Save review' }).click();
  await page.getByText('review: 2 of 2 points saved.').waitFor();
  await page.locator('.score').getByText('10 / 10 points').waitFor();

  const before = await resultIdOf(page, state.aliceSubmission);
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Regrade all hand-ins' }).click();
  await page.getByText(/\d+ regrade\(s\) queued/).waitFor();
  await waitForNewResult(page, state.aliceSubmission, before);
  await page.waitForFunction(async () => {
    const rows = await (await fetch('/api/assignments/demo-open/submissions')).json();
    return rows.every((r) => r.status === 'done');
  }, undefined, { timeout: 180_000, polling: 1000 });
  await page.goto(`${base}/#/submissions/${state.aliceSubmission}`);
  await waitForScore(page);
  await page.locator('.score').getByText('10 / 10 points').waitFor();
  await page.locator('[data-check="review"]').getByText('Clear code and a tidy report.', { exact: false }).waitFor();
  await signOut(page);
});

// A notebook whose markdown tries to run script in the reader's browser, and a zipped package.
const NOTEBOOK = JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Softmax by hand\n', 'It is *stable*.\n',
      '<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>'] },
    { cell_type: 'code', metadata: {}, execution_count: 1, source: ['import numpy as np\n', 'def softmax(x):\n',
      '    e = np.exp(x - x.max(axis=-1, keepdims=True))\n', '    return e / e.sum(axis=-1, keepdims=True)\n',
      'print("ready")'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['ready\n'] }] },
  ],
});

scenario('staff read a notebook hand-in rendered safely and browse a zipped package', async (page, base) => {
  const notebook = await handInByApi(base, 'bob', 'demo-open', 'answers.ipynb', Buffer.from(NOTEBOOK));
  const zipDir = mkdtempSync(join(tmpdir(), 'tensormark-e2e-zip-'));
  mkdirSync(join(zipDir, 'pkg'));
  copyFileSync(join(repo, 'assignments/demo-open/solution/handin.py'), join(zipDir, 'pkg/model.py'));
  execFileSync('python3', ['-m', 'zipfile', '-c', 'net.zip', 'pkg'], { cwd: zipDir });
  const zipped = await handInByApi(base, 'carol', 'demo-open', 'net.zip', readFileSync(join(zipDir, 'net.zip')));
  rmSync(zipDir, { recursive: true, force: true });
  await signIn(page, base, 'tom');
  await page.goto(`${base}/#/submissions/${notebook}`);
  const nb = page.locator('[data-file="code"] .notebook');
  await nb.locator('.nb-markdown h1').getByText('Softmax by hand').waitFor();
  assert.equal(await nb.locator('.nb-markdown em').textContent(), 'stable');
  assert.equal(await nb.locator('img, script').count(), 0, 'the markdown\'s image and script are removed');
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'nothing in the notebook ran');
  assert.ok(await nb.locator('.nb-code .hljs-keyword').count() > 0, 'code cells are highlighted');
  await nb.locator('.nb-output').getByText('ready').waitFor();
  await page.screenshot({ path: join(shots, 'notebook-handin.png'), fullPage: true });

  await page.goto(`${base}/#/submissions/${zipped}`);
  const archive = page.locator('[data-file="code"] .archive-view');
  await archive.getByText('1 file(s) in the archive.').waitFor();
  await archive.locator('.entry-view h4').getByText('pkg/model.py').waitFor();
  await archive.locator('.entry-view .code-view').getByText('def softmax').waitFor();
  await signOut(page);
});

scenario('the project leaderboard waits for the release; ingrid sees it and scales alice\'s mark', async (page, base) => {
  // The project is released in February: its board is hidden from students until then (the entry
  // flow itself is LeaderboardTest's, over HTTP), and staff already see it.
  await signIn(page, base, 'alice');
  await page.goto(`${base}/#/assignments/project`);
  await page.getByRole('heading', { name: 'Your group' }).waitFor();
  await page.getByRole('heading', { name: 'Your hand-ins' }).waitFor();
  assert.equal(await page.locator('.leaderboard').count(), 0, 'no leaderboard before the release');
  await signOut(page);

  await signIn(page, base, 'ingrid');
  await page.goto(`${base}/#/assignments/project`);
  const board = page.locator('.leaderboard');
  await board.getByRole('heading', { name: 'Leaderboard' }).waitFor();
  await board.getByText('Scored by macro_f1 on 160 public rows; the other 240 rows decide the final ranking').waitFor();
  await board.getByText('No entries yet.').waitFor();
  const inputs = await page.evaluate(async () => (await fetch('/api/assignments/project/leaderboard/inputs.csv')).text());
  assert.equal(inputs.split('\n')[0], 'id,x1,x2,x3,x4,x5,x6', 'the held-out inputs carry no labels');

  await page.goto(`${base}/#/staff/assignments/project`);
  const peers = page.locator('.peer-ratings');
  await peers.getByRole('heading', { name: 'Peer assessment and scaled marks' }).waitFor();
  const alice = peers.locator('[data-group="Tensor Titans"] [data-member="alice"]');
  await alice.getByLabel('Scale for alice').fill('1.1');
  await alice.getByLabel('Reason for alice (kept in the audit trail)').fill('peers rated her contribution highest');
  await alice.getByRole('button', { name: 'Set scale' }).click();
  await page.getByText('alice\'s mark on Group project is now scaled by 1.10.').waitFor();
  await peers.locator('[data-group="Tensor Titans"] [data-member="alice"] td').nth(3).getByText('1.10').waitFor();
  assert.deepEqual(await unlabelledFields(page), [], 'every field of the dashboard has a label');
  await page.screenshot({ path: join(shots, 'peer-scaling.png'), fullPage: true });
  await signOut(page);
});

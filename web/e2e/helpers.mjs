// What the e2e scenarios share: the demo files, signing in and out, handing in, waiting for a score.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
export const shots = join(here, 'screenshots');
const solution = join(repo, 'assignments/demo-open/solution');
export const handinPy = join(solution, 'handin.py');
export const reportPdf = join(solution, 'report.pdf');
export const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const SCORING_MS = 180_000;

/** What one scenario leaves for the next (ids of hand-ins, invite codes). */
export const state = {};

export async function signIn(page, base, username) {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`(${username})`).waitFor();
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

export async function handIn(page, base, assignmentTitle) {
  await page.goto(`${base}/#/`);
  await page.getByRole('link', { name: assignmentTitle }).click();
  await page.getByRole('heading', { name: assignmentTitle, level: 1 }).waitFor();
  await page.locator('#file-code').setInputFiles(handinPy);
  await page.locator('#file-report').setInputFiles(reportPdf);
  await page.getByText('Selected: report.pdf').waitFor();
}

export async function waitForScore(page) {
  await page.locator('.result-panel[data-status="scored"]').waitFor({ timeout: SCORING_MS });
}

/** The id of the result a hand-in shows now (null before its first score), asked as the signed-in user. */
export function resultIdOf(page, submissionId) {
  return page.evaluate(async (id) => (await (await fetch(`/api/submissions/${id}/result`)).json()).resultId ?? null,
    submissionId);
}

/** Waits until the hand-in shows a result other than {@code oldResultId}: the one a regrade made. */
export async function waitForNewResult(page, submissionId, oldResultId) {
  await page.waitForFunction(async ([id, old]) => {
    const r = await (await fetch(`/api/submissions/${id}/result`)).json();
    return r.status === 'scored' && r.resultId != null && r.resultId !== old;
  }, [submissionId, oldResultId], { timeout: SCORING_MS, polling: 1000 });
}

/**
 * Hands in over the API as a demo user (no browser) and returns at once with the receipt's
 * submission id and the session cookie; `files` maps each file role to [filename, bytes].
 */
export async function startHandInByApi(base, username, assignmentId, files) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-demo` }) });
  if (!login.ok) throw new Error(`login of ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const form = new FormData();
  for (const [role, [filename, bytes]] of Object.entries(files)) form.append(role, new Blob([bytes]), filename);
  const r = await fetch(`${base}/api/assignments/${assignmentId}/submissions`, { method: 'POST', headers: { cookie },
    body: form });
  if (r.status !== 201) throw new Error(`hand-in of ${username}: ${r.status} ${await r.text()}`);
  const { submissionId } = await r.json();
  return { submissionId, cookie };
}

/** Waits until the hand-in is scored, asked with the session `cookie`; resolves to its id. */
export async function scoredByApi(base, { submissionId, cookie }) {
  const deadline = Date.now() + SCORING_MS;
  while (Date.now() < deadline) {
    const result = await (await fetch(`${base}/api/submissions/${submissionId}/result`, { headers: { cookie } })).json();
    if (result.status === 'scored') return submissionId;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`hand-in ${submissionId} was not scored in time`);
}

/**
 * Hands in over the API as a demo user (no browser), the code as {@code filename} with the given
 * bytes and the demo report; returns the submission id once it is scored.
 */
export async function handInByApi(base, username, assignmentId, filename, code) {
  const started = await startHandInByApi(base, username, assignmentId,
    { code: [filename, code], report: ['report.pdf', readFileSync(reportPdf)] });
  return scoredByApi(base, started);
}

/** True when the canvas has painted pixels (the chart library drew something). */
export function painted(page, selector) {
  return page.locator(selector).evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

/** Form fields on the page that have neither a <label> nor an aria-label (should be none). */
export function unlabelledFields(page) {
  return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && !el.labels?.length && !el.getAttribute('aria-label'))
    .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
}

/** Presses Tab until the element with this id has the focus; true if it got there within `presses`. */
export async function reachByTab(page, id, presses = 40) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return true;
  }
  return false;
}

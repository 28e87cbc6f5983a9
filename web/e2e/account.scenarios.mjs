// The account: personal API tokens made, used, seen and revoked in the portal; signing out and a
// session that expires while a page loads.
import assert from 'node:assert/strict';
import { signIn, signOut } from './helpers.mjs';

export const accountScenarios = [];
const scenario = (name, fn) => accountScenarios.push({ name, fn });
const DAY_MS = 24 * 3600 * 1000;

scenario('dave makes an API token that expires in 180 days, sees its last use and revokes it', async (page, base) => {
  await signIn(page, base, 'dave');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
  await page.getByLabel(/^Name/).fill('laptop CLI');
  await page.getByRole('button', { name: 'Make token' }).click();
  const notice = page.locator('.issued-token');
  await notice.getByText(/It works until/).waitFor();
  const secret = (await page.getByTestId('new-token').textContent()).trim();
  assert.match(secret, /^tm_/);

  const row = page.locator('tr', { hasText: 'laptop CLI' });
  await row.getByText('never').waitFor();
  const listed = await page.evaluate(async () => (await (await fetch('/api/me/tokens')).json())
    .find((t) => t.name === 'laptop CLI'));
  assert.equal(Math.round((Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)) / DAY_MS), 180);

  const asToken = () => fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${secret}` } });
  assert.equal((await asToken()).status, 200);
  await page.reload();
  await row.locator('.status.token-active').waitFor();
  assert.equal(await row.getByText('never').count(), 0, 'the last use is shown');

  await row.getByRole('button', { name: 'Revoke laptop CLI' }).click();
  await page.getByText('Token "laptop CLI" revoked: it no longer works.').waitFor();
  await row.locator('.status.token-revoked').waitFor();
  const refused = await asToken();
  assert.equal(refused.status, 401);
  assert.match((await refused.json()).message, /revoked/);
  await signOut(page);
});

scenario('a page\'s request still under way when the user signs out does not ask them to sign in again', async (page, base) => {
  await signIn(page, base, 'alice');
  await page.goto(`${base}/#/tokens`);
  await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
  // The course list's request is held in the browser until alice has signed out.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let reached;
  const requested = new Promise((resolve) => { reached = resolve; });
  await page.route('**/api/courses', async (route) => { reached(); await held; await route.continue(); });
  try {
    await page.goto(`${base}/#/`);
    await requested;
    await signOut(page);
    const answered = page.waitForResponse('**/api/courses');
    release();
    assert.equal((await answered).status(), 401);
    // The old client opened its "session has expired" dialog within milliseconds of that answer.
    await page.waitForTimeout(500);
    assert.equal(await page.getByRole('dialog').count(), 0, 'no sign-in dialog after a sign-out');
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 1);
  } finally {
    release();
    await page.unroute('**/api/courses');
  }
});

scenario('a session that expires while the dashboard loads asks once, then the dashboard opens', async (page, base, context) => {
  await signIn(page, base, 'tom');
  await context.clearCookies();
  // The dashboard asks for the assignment and its overview at once: both are refused.
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  const dialog = page.getByRole('dialog', { name: 'Your session has expired' });
  await dialog.getByLabel('Username').fill('tom');
  await dialog.getByLabel('Password').fill('tom-demo');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Demo: open assignment: dashboard', level: 1 }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'one sign-in answered both requests');
  await signOut(page);
});

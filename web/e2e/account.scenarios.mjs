// The account: personal API tokens made, used, seen and revoked in the portal.
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

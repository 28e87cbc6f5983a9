// The roster page: a class list imported (preview, then applied), filters, one enrolment, a role
// change, a drop; and a TA limited to one section who sees only that section's students.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, signIn, signOut, unlabelledFields } from './helpers.mjs';

export const rosterScenarios = [];
const scenario = (name, fn) => rosterScenarios.push({ name, fn });

const HEADER = 'username,name,email,student_id,section,role';
const CLASS_LIST = [HEADER,
  'alice,Alice Tan,,U001,T01,student', 'bob,Bob Lim,,U002,T01,student', 'carol,Carol Ng,,U003,T02,student',
  'dave,Dave Kumar,,U004,T02,student', 'erin,Erin Oh,erin@example.edu,U005,T01,student',
  'frank,Frank Wu,frank@example.edu,U006,T02,student'].join('\n');

// handed to the file input as it is, no file left behind
const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`${text}\n`) });

const rowsOf = (table) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.member ?? r.dataset.student));

scenario('an instructor imports a class list on the roster page: a bad row changes nothing, a preview, then applied', async (page, base) => {
  await signIn(page, base, 'ingrid');
  await page.getByRole('link', { name: /^Roster/ }).first().click();
  await page.getByRole('heading', { name: /: roster$/, level: 1 }).waitFor();
  const table = page.locator('.roster-table');
  await table.locator('tr[data-member="alice"]').waitFor();

  await page.getByLabel('Class list (CSV)').setInputFiles(csvFile('bad.csv', `${HEADER}\nzed,,,,T01,student\nyan,Yan Li,,,T01,wizard`));
  await page.getByRole('button', { name: 'Preview import' }).click();
  const report = page.getByTestId('import-report');
  await report.getByText('Nothing was changed: 2 row(s) could not be read.', { exact: false }).waitFor();
  await report.getByText(/^line 2: /).waitFor();
  await report.getByText(/^line 3: /).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Apply import' }).isHidden(), 'a file with bad rows cannot be applied');

  await page.getByLabel('Class list (CSV)').setInputFiles(csvFile('class.csv', CLASS_LIST));
  await page.getByRole('button', { name: 'Preview import' }).click();
  await report.getByText('Preview, nothing changed yet.', { exact: false }).waitFor();
  assert.equal(await report.locator('tr[data-change="erin"] td').nth(2).textContent(), 'create');
  assert.equal(await table.locator('tr[data-member="erin"]').count(), 0, 'a preview enrols nobody');
  await page.getByRole('button', { name: 'Apply import' }).click();
  await report.getByText('Imported.', { exact: false }).waitFor();
  await table.locator('tr[data-member="erin"]').getByText('enrolled, no password yet').waitFor();
  assert.equal(await table.locator('tr[data-member="frank"] td').nth(3).textContent(), 'T02');
  await page.screenshot({ path: join(shots, 'roster.png'), fullPage: true });
  assert.deepEqual(await unlabelledFields(page), [], 'every form field of the roster page has a label');
});

scenario('the instructor filters the roster by section, role and name, enrols one person, makes them a TA and drops a student', async (page, base) => {
  const table = page.locator('.roster-table');
  const counts = page.getByTestId('roster-counts');
  await page.locator('#roster-section').selectOption('T02');
  await counts.getByText('3 listed: 3 students · 0 TAs · 0 instructors · 0 dropped').waitFor();
  assert.deepEqual((await rowsOf(table)).sort(), ['carol', 'dave', 'frank']);
  await page.locator('#roster-section').selectOption('');
  await page.locator('#roster-role').selectOption('instructor');
  // ingrid is listed before the filter too: wait for the filtered list's counts, drawn with its rows
  await counts.getByText(/listed: 0 students · 0 TAs · [1-9]\d* instructors/).waitFor();
  assert.ok((await rowsOf(table)).includes('ingrid'), 'the instructors are listed');
  assert.ok(!(await rowsOf(table)).includes('alice'), 'the role filter leaves the students out');
  await page.locator('#roster-role').selectOption('');
  await page.getByLabel('Search by name, username or student id').fill('U005');
  await counts.getByText(/^1 listed/).waitFor();
  assert.deepEqual(await rowsOf(table), ['erin']);
  await page.getByLabel('Search by name, username or student id').fill('');

  await page.getByLabel('Username', { exact: true }).fill('gina');
  await page.getByLabel('Full name', { exact: true }).fill('Gina Ho');
  await page.locator('#enrol-section').fill('T01');
  await page.getByRole('button', { name: 'Enrol' }).click();
  await page.getByText('Gina Ho (gina) is enrolled as student in section T01.').waitFor();
  await table.locator('tr[data-member="gina"]').waitFor();
  await page.getByLabel('Role of gina').selectOption('ta');
  await page.getByText('gina is now a TA.').waitFor();
  await table.locator('tr[data-member="gina"] td').nth(4).getByText('ta').waitFor();

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Drop frank' }).click();
  await page.getByText('frank was dropped; their hand-ins and grades are kept.').waitFor();
  await table.locator('tr[data-member="frank"]').getByText('dropped').waitFor();
});

scenario('the dashboard\'s student table filters by section', async (page, base) => {
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  const students = page.locator('.student-table');
  await students.locator('tr[data-student="alice"]').waitFor();
  await page.locator('#student-section option[value="T02"]').waitFor({ state: 'attached' });
  await page.getByLabel('Section').selectOption('T02');
  await students.locator('tr[data-student="alice"]').waitFor({ state: 'detached' });
  const shown = await rowsOf(students);
  assert.ok(shown.includes('carol') && shown.includes('dave'), `section T02 lists carol and dave: ${shown}`);
  assert.ok(!shown.includes('bob') && !shown.includes('erin'), `section T02 lists no T01 student: ${shown}`);
});

scenario('a TA limited to section T01 sees only its students on the roster and the dashboard', async (page, base) => {
  const limited = await page.evaluate(async () => (await fetch('/api/courses/demo/roster/tom/sections', {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sections: ['T01'] }) })).status);
  assert.equal(limited, 200);
  await signOut(page);
  await signIn(page, base, 'tom');
  await page.goto(`${base}/#/staff/assignments/demo-open`);
  const students = page.locator('.student-table');
  await students.locator('tr[data-student="alice"]').waitFor();
  await page.getByRole('status').getByText('3 student(s)').waitFor();
  assert.deepEqual((await rowsOf(students)).sort(), ['alice', 'bob', 'erin']);

  await page.goto(`${base}/#/staff/courses/demo/roster`);
  const table = page.locator('.roster-table');
  await table.locator('tr[data-member="alice"]').waitFor();
  const listed = await rowsOf(table);
  assert.ok(!listed.includes('carol') && !listed.includes('dave'), `the TA sees no T02 student: ${listed}`);
  assert.ok(listed.includes('ingrid'), 'the TA still sees the course staff');
  assert.equal(await page.getByRole('button', { name: 'Preview import' }).count(), 0, 'a TA cannot import');
  assert.equal(await page.getByRole('button', { name: /^Drop / }).count(), 0, 'a TA cannot drop anyone');
  await signOut(page);
});

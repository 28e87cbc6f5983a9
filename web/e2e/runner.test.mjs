// usage: node --test web/e2e/runner.test.mjs — the e2e runner's own tests (no server, no browser).
import assert from 'node:assert/strict';
import test from 'node:test';
import { closingLine, reportLine, runAll } from './runner.mjs';

const pass = (name) => ({ name, fn: async () => {} });
const fail = (name, message) => ({ name, fn: async () => { throw new Error(message); } });

test('a failure does not stop the scenarios after it', async () => {
  const ran = [];
  const scenarios = [pass('first'), fail('second', 'boom'), { name: 'third', fn: async () => { ran.push('third'); } }];
  const results = await runAll(scenarios, { page: {}, base: 'http://x' });
  assert.deepEqual(results.map((r) => [r.name, r.passed]), [['first', true], ['second', false], ['third', true]]);
  assert.deepEqual(ran, ['third']);
  assert.match(results[1].error, /boom/);
});

test('each scenario is reported as it finishes, and a failure gets its screenshot hook', async () => {
  const lines = [];
  const failures = [];
  await runAll([fail('a', 'x'), pass('b')], {
    page: {}, base: '', report: (r) => lines.push(reportLine(r)), onFailure: async (i) => { failures.push(i); },
  });
  assert.match(lines[0], /^FAIL a \(\d+ ms\)\n {5}Error: x/);
  assert.match(lines[1], /^ok {3}b \(\d+ ms\)$/);
  assert.deepEqual(failures, [0]);
});

test('a failing screenshot hook does not stop the run either', async () => {
  const results = await runAll([fail('a', 'x'), pass('b')], {
    page: {}, base: '', onFailure: async () => { throw new Error('no page'); },
  });
  assert.equal(results.length, 2);
});

test('the closing line counts passed and failed, and scenarios that never ran as failed', () => {
  const results = [{ name: 'a', passed: true, ms: 1 }, { name: 'b', passed: false, ms: 1, error: 'e' }];
  assert.equal(closingLine(results, 2), 'e2e: 1 passed, 1 failed');
  assert.equal(closingLine(results, 5), 'e2e: 1 passed, 4 failed');
  assert.equal(closingLine([], 3), 'e2e: 0 passed, 3 failed');
});

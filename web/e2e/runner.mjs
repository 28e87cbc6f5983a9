// Runs e2e scenarios one after another: every scenario runs even after a failure, each is reported
// with its time, and the closing line counts both.

/**
 * Runs every scenario in order with (page, base, context); a failure is recorded and the next one
 * runs. `onFailure(index)` may take a screenshot and tidy the page; it never stops the run.
 * `report(result)` is called after each; resolves to [{ name, passed, ms, error? }].
 */
export async function runAll(scenarios, { page, base, context, onFailure = async () => {}, report = () => {} }) {
  const results = [];
  for (const [index, { name, fn }] of scenarios.entries()) {
    const started = Date.now();
    let result;
    try {
      await fn(page, base, context);
      result = { name, passed: true, ms: Date.now() - started };
    } catch (e) {
      result = { name, passed: false, ms: Date.now() - started, error: e?.stack ?? String(e) };
      await onFailure(index).catch(() => undefined);
    }
    report(result);
    results.push(result);
  }
  return results;
}

/** One line per scenario: "ok   name (12 ms)" or "FAIL name (12 ms)" with the error indented below. */
export function reportLine(r) {
  const head = `${r.passed ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)`;
  return r.passed ? head : `${head}\n     ${r.error.replaceAll('\n', '\n     ')}`;
}

/** "e2e: N passed, M failed"; scenarios that never ran (the browser died) count as failed. */
export function closingLine(results, total) {
  const passed = results.filter((r) => r.passed).length;
  return `e2e: ${passed} passed, ${total - passed} failed`;
}

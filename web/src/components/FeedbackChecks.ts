import type { CheckResult, CheckSummary } from '../api';
import { formatPoints, h } from '../dom';

interface Comparison { output?: string; passed?: boolean; verdict?: string; explanation?: string }
interface Case { case?: string; passed?: boolean; error?: string; explanation?: string; comparisons?: Comparison[] }
interface Finding { ok?: boolean; message?: string }
/** One test cell of a notebook check, as NotebookResults.CellResult writes it. */
interface NotebookCell { part?: string; gradeId?: string; points?: number; maxPoints?: number; message?: string }
interface Details { cases?: Case[]; findings?: Finding[]; rubric?: string[]; cells?: NotebookCell[]; notices?: string[] }

function StatusBadge(status: string): HTMLElement {
  return h('span', { class: `status ${status}` }, status);
}

function CaseList(cases: Case[]): HTMLElement {
  return h('ul', { class: 'cases' }, ...cases.map((c) => h('li', {},
    h('strong', {}, c.case ?? 'case'), ' ', StatusBadge(c.passed ? 'passed' : 'failed'),
    c.error ? h('p', { class: 'explanation' }, c.error) : null,
    c.explanation ? h('p', { class: 'explanation' }, c.explanation) : null,
    ...(c.comparisons ?? []).map((cmp) => h('p', { class: 'explanation' },
      cmp.output ? h('code', {}, cmp.output) : null, cmp.output ? ': ' : null, cmp.explanation ?? cmp.verdict ?? '')))));
}

function cellStatus(c: NotebookCell): string {
  const points = c.points ?? 0;
  if (points >= (c.maxPoints ?? 0)) return 'passed';
  return points > 0 ? 'partial' : 'failed';
}

/**
 * A notebook check's test cells, one line each (notebook, grade_id, points) with the test's message
 * when it did not pass, then what the grader noticed (skipped install lines, refused files, timeouts).
 */
function NotebookCells(cells: NotebookCell[], notices: string[]): HTMLElement {
  return h('div', { class: 'notebook-cells' },
    h('ul', { class: 'cells' }, ...cells.map((c) => h('li', { 'data-cell': c.gradeId ?? '' },
      h('strong', {}, c.gradeId ?? 'cell'), ' ', h('span', { class: 'muted' }, c.part ?? ''), ' ',
      StatusBadge(cellStatus(c)), ' ', `${formatPoints(c.points ?? 0)} / ${formatPoints(c.maxPoints ?? 0)} points`,
      c.message && c.message !== 'passed' ? h('p', { class: 'explanation' }, c.message) : null))),
    notices.length > 0 ? h('ul', { class: 'notebook-notices' }, ...notices.map((n) => h('li', { class: 'notice' }, n)))
      : null);
}

function CheckDetails(details: unknown): HTMLElement | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Details;
  if (d.cases) return CaseList(d.cases);
  if (d.cells) return NotebookCells(d.cells, d.notices ?? []);
  if (d.findings) {
    return h('ul', { class: 'findings' }, ...d.findings.map((f) =>
      h('li', {}, f.ok ? '✓ ' : '✗ ', f.message ?? '')));
  }
  if (d.rubric) return h('ul', { class: 'rubric' }, ...d.rubric.map((r) => h('li', {}, r)));
  return null;
}

function pointsText(c: CheckResult): string {
  if (c.points === undefined || c.points === null) return `${c.maxPoints} points`;
  return `${formatPoints(c.points)} / ${c.maxPoints} points`;
}

/** One check's result: visible checks with their explanations, hidden ones as passed or failed only. */
export function CheckItem(c: CheckResult): HTMLElement {
  const hiddenOnly = c.points === undefined && c.details === undefined;
  return h('li', { class: 'check', 'data-check': c.id },
    h('div', { class: 'check-head' }, h('strong', {}, c.id), StatusBadge(c.status),
      h('span', { class: 'muted' }, `${c.kind} · ${c.visibility}`), h('span', {}, pointsText(c))),
    c.summary ? h('p', {}, c.summary) : null,
    hiddenOnly ? null : CheckDetails(c.details));
}

/** Placeholders for the checks an assignment declares, shown while grading runs so nothing jumps later. */
export function PendingChecks(checks: CheckSummary[]): HTMLElement {
  return h('ul', { class: 'checks' }, ...checks.map((c) => h('li', { class: 'check', 'data-check': c.id },
    h('div', { class: 'check-head' }, h('strong', {}, c.id), StatusBadge('waiting'),
      h('span', { class: 'muted' }, `${c.kind} · ${c.visibility}`), h('span', {}, `${c.points} points`)),
    h('p', { class: 'muted' }, 'Waiting for the grader.'))));
}

export function FeedbackChecks(checks: CheckResult[]): HTMLElement {
  const hidden = checks.filter((c) => c.visibility !== 'visible' && c.details === undefined);
  const passedHidden = hidden.filter((c) => c.status === 'passed').length;
  return h('div', {},
    hidden.length > 0 ? h('p', { class: 'hidden-count' },
      `Hidden checks: ${passedHidden} of ${hidden.length} passed.`) : null,
    h('ul', { class: 'checks' }, ...checks.map(CheckItem)));
}

import { api, type Assignment, type GradebookFilter, type GradebookRow } from '../api';
import { errorBox, formatPoints, h, messageOf } from '../dom';

const filters: Array<[GradebookFilter, string]> = [
  ['', 'Every student'], ['late', 'Handed in late'], ['failed', 'Failed a check'], ['missing', 'Not handed in'],
];

function StatusCell(r: GradebookRow, a: Assignment): HTMLElement {
  const tags = [];
  if (r.notHandedIn.includes(a.id)) tags.push(h('span', { class: 'status pending' }, 'not handed in'));
  if (r.late.includes(a.id)) tags.push(h('span', { class: 'status queued' }, 'late'));
  if (r.failedACheck.includes(a.id)) tags.push(h('span', { class: 'status failed' }, 'failed a check'));
  return h('td', {}, ...tags);
}

function Row(r: GradebookRow, a: Assignment): HTMLElement {
  const points = r.finalPoints[a.id];
  const handIn = r.handIns[a.id];
  return h('tr', { 'data-student': r.username },
    h('td', {}, `${r.displayName} (${r.username})`),
    h('td', {}, points === null || points === undefined ? '—' : formatPoints(points),
      r.scaled[a.id] ? h('span', { class: 'muted scaled' }, ` (scaled: ${r.scaled[a.id]})`) : ''),
    StatusCell(r, a),
    h('td', {}, handIn ? h('a', { href: `#/submissions/${handIn}` }, 'Open hand-in') : ''));
}

/** The class list for one assignment: search by name, filter (late, failed a check, not handed in), section. */
export function StudentTable(a: Assignment): HTMLElement {
  const search = h('input', { type: 'search', id: 'student-search', name: 'search', autocomplete: 'off' });
  const filter = h('select', { id: 'student-filter', name: 'filter' },
    ...filters.map(([value, label]) => h('option', { value }, label)));
  const section = h('select', { id: 'student-section', name: 'section' }, h('option', { value: '' }, 'Every section'));
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const table = h('div', { class: 'table-wrap student-table' });
  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    try {
      const rows = await api.gradebook(a.courseId, search.value.trim(), filter.value as GradebookFilter, a.id,
        section.value);
      if (mine !== asked) return;
      status.textContent = `${rows.length} student(s)`;
      table.replaceChildren(h('table', {},
        h('thead', {}, h('tr', {}, ...['Student', 'Score', 'Status', 'Hand-in'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...rows.map((r) => Row(r, a)))));
    } catch (e) {
      if (mine === asked) table.replaceChildren(errorBox(messageOf(e)));
    }
  };
  let timer = 0;
  search.addEventListener('input', () => { window.clearTimeout(timer); timer = window.setTimeout(load, 250); });
  filter.addEventListener('change', () => void load());
  section.addEventListener('change', () => void load());
  // The roster lists the course's sections; a TA limited to some sees all names but only their students.
  void api.roster(a.courseId, '', '', 'student').then((view) => section.append(
    ...view.sections.map((s) => h('option', { value: s }, s)))).catch(() => undefined);
  void load();
  return h('section', { class: 'card', 'aria-labelledby': 'students-title' },
    h('h2', { id: 'students-title' }, 'Students'),
    h('div', { class: 'filters' },
      h('div', {}, h('label', { for: 'student-search' }, 'Search by name or username'), search),
      h('div', {}, h('label', { for: 'student-filter' }, 'Show'), filter),
      h('div', {}, h('label', { for: 'student-section' }, 'Section'), section),
      h('a', { class: 'button secondary', href: api.gradebookCsvUrl(a.courseId), download: '' }, 'Export gradebook (CSV)')),
    status, table);
}

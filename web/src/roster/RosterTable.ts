import { api, type Member, type RosterView } from '../api';
import { errorBox, h, messageOf, say } from '../dom';

const ROLES = ['student', 'ta', 'instructor'];
const ROLE_NAMES: Record<string, string> = { student: 'students', ta: 'TAs', instructor: 'instructors', dropped: 'dropped' };

/** "12 students · 2 TAs · 1 instructors · 3 dropped" over the people listed. */
function countsLine(view: RosterView): string {
  const parts = ['student', 'ta', 'instructor', 'dropped'].map((k) => `${view.counts[k] ?? 0} ${ROLE_NAMES[k]}`);
  return `${view.members.length} listed: ${parts.join(' · ')}`;
}

/** An instructor's controls on one row: change the role, drop from the course. */
function MemberActions(courseId: string, m: Member, box: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const role = h('select', { 'aria-label': `Role of ${m.username}`, name: 'role' },
    ...ROLES.map((r) => h('option', { value: r, selected: r === m.role }, r)));
  role.addEventListener('change', async () => {
    try {
      await api.changeMember(courseId, m.username, { role: role.value });
      say(box, `${m.username} is now ${role.value === 'ta' ? 'a TA' : `a(n) ${role.value}`}.`, true);
    } catch (e) {
      say(box, messageOf(e), false);
    }
    await reload();
  });
  const drop = h('button', { type: 'button', class: 'secondary' }, 'Drop');
  drop.setAttribute('aria-label', `Drop ${m.username}`);
  drop.addEventListener('click', async () => {
    if (!window.confirm(`Drop ${m.name} (${m.username}) from the course? Their hand-ins and grades are kept.`)) return;
    try {
      await api.dropMember(courseId, m.username);
      say(box, `${m.username} was dropped; their hand-ins and grades are kept.`, true);
    } catch (e) {
      say(box, messageOf(e), false);
    }
    await reload();
  });
  return h('td', { class: 'actions' }, role, m.dropped ? null : drop);
}

function Row(courseId: string, m: Member, canEdit: boolean, box: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const status = m.dropped ? h('span', { class: 'status failed' }, 'dropped')
    : h('span', { class: 'status scored' }, m.hasPassword ? 'enrolled' : 'enrolled, no password yet');
  return h('tr', { 'data-member': m.username },
    h('td', {}, m.name), h('td', {}, m.username), h('td', {}, m.studentId ?? ''), h('td', {}, m.section ?? ''),
    h('td', {}, m.role === 'ta' && m.taSections.length > 0 ? `ta (sections ${m.taSections.join(', ')})` : m.role),
    h('td', {}, status),
    canEdit ? MemberActions(courseId, m, box, reload) : null);
}

/**
 * The course's people with search and filters by section and role, the counts over what is shown,
 * and for instructors a role menu and a drop button per person. Returns the card and a reload.
 */
export function RosterTable(courseId: string, canEdit: boolean, box: HTMLElement):
    { card: HTMLElement; reload: () => Promise<void> } {
  const search = h('input', { type: 'search', id: 'roster-search', name: 'search', autocomplete: 'off' });
  const section = h('select', { id: 'roster-section', name: 'section' }, h('option', { value: '' }, 'Every section'));
  const role = h('select', { id: 'roster-role', name: 'role' }, h('option', { value: '' }, 'Every role'),
    ...ROLES.map((r) => h('option', { value: r }, r)));
  const counts = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite', 'data-testid': 'roster-counts' });
  const table = h('div', { class: 'table-wrap roster-table' });
  let asked = 0;
  const reload = async () => {
    const mine = ++asked;
    try {
      const view = await api.roster(courseId, search.value.trim(), section.value, role.value);
      if (mine !== asked) return;
      const chosen = section.value;
      section.replaceChildren(h('option', { value: '' }, 'Every section'),
        ...view.sections.map((s) => h('option', { value: s, selected: s === chosen }, s)));
      counts.textContent = countsLine(view);
      const heads = ['Name', 'Username', 'Student id', 'Section', 'Role', 'Status', ...(canEdit ? ['Actions'] : [])];
      table.replaceChildren(h('table', {},
        h('thead', {}, h('tr', {}, ...heads.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...view.members.map((m) => Row(courseId, m, canEdit, box, reload)))));
    } catch (e) {
      if (mine === asked) table.replaceChildren(errorBox(messageOf(e)));
    }
  };
  let timer = 0;
  search.addEventListener('input', () => { window.clearTimeout(timer); timer = window.setTimeout(reload, 250); });
  section.addEventListener('change', () => void reload());
  role.addEventListener('change', () => void reload());
  const card = h('section', { class: 'card', 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, 'People'),
    h('div', { class: 'filters' },
      h('div', {}, h('label', { for: 'roster-search' }, 'Search by name, username or student id'), search),
      h('div', {}, h('label', { for: 'roster-section' }, 'Section'), section),
      h('div', {}, h('label', { for: 'roster-role' }, 'Role'), role)),
    counts, table);
  return { card, reload };
}

import { api, ApiError, type Assignment } from '../api';
import { errorBox, formatTime, h, viewerZone } from '../dom';

function say(box: HTMLElement, text: string, ok: boolean): void {
  box.replaceChildren(ok ? h('p', { class: 'notice' }, text) : errorBox(text));
}

function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function ExtensionForm(a: Assignment, box: HTMLElement): HTMLElement {
  const username = h('input', { type: 'text', id: 'ext-username', name: 'username', required: true });
  const dueAt = h('input', { type: 'datetime-local', id: 'ext-due', name: 'dueAt', required: true });
  const reason = h('input', { type: 'text', id: 'ext-reason', name: 'reason', required: true });
  const form = h('form', { class: 'card extension-form', 'aria-labelledby': 'ext-title' },
    h('h2', { id: 'ext-title' }, 'Grant an extension'),
    h('label', { for: 'ext-username' }, 'Student username'), username,
    h('label', { for: 'ext-due' }, `New due time (course time, ${a.timeZone})`), dueAt,
    h('label', { for: 'ext-reason' }, 'Reason (kept in the audit trail)'), reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Grant extension')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.grantExtension(a.id, username.value.trim(), dueAt.value, reason.value.trim());
      say(box, `Extension granted to ${username.value.trim()} until ${dueAt.value} (${a.timeZone}).`, true);
      form.reset();
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  return form;
}

/** What TAs and instructors see for one assignment: every hand-in, regrades, releasing hidden results, extensions. */
export async function StaffPage(assignmentId: string): Promise<HTMLElement> {
  const a = await api.assignment(assignmentId);
  const box = h('div', { 'aria-live': 'polite', class: 'staff-message' });
  const table = h('div', { class: 'table-wrap' });
  const regrade = async (id: string) => {
    try {
      const { jobId } = await api.regrade(id);
      say(box, `Regrade queued (job ${jobId}).`, true);
      await render();
    } catch (e) {
      say(box, messageOf(e), false);
    }
  };
  const render = async () => {
    const rows = await api.assignmentSubmissions(a.id);
    table.replaceChildren(rows.length === 0 ? h('p', { class: 'muted' }, 'No hand-ins yet.') : h('table', {},
      h('caption', { class: 'muted' }, `${rows.length} hand-in(s), newest first`),
      h('thead', {}, h('tr', {}, ...['Received', 'Student', 'Group', 'Status', 'Score', 'Chosen', 'Actions']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows.map((s) => h('tr', { 'data-submission': s.id },
        h('td', {}, h('a', { href: `#/submissions/${s.id}` }, formatTime(s.receivedAt, viewerZone()))),
        h('td', {}, `${s.submitterName} (${s.submitterUsername})`), h('td', {}, s.teamId ?? '—'),
        h('td', {}, h('span', { class: `status ${s.status}` }, s.status)),
        h('td', {}, s.finalPoints == null ? '—' : String(s.finalPoints)),
        h('td', {}, s.chosen ? 'yes' : ''),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => void regrade(s.id) }, 'Regrade')))))));
  };
  const release = h('button', { type: 'button' }, 'Release hidden results');
  release.addEventListener('click', async () => {
    try {
      await api.releaseHidden(a.id);
      say(box, 'Hidden results released: students now see every check\'s details.', true);
    } catch (e) {
      say(box, messageOf(e), false);
    }
  });
  try {
    await render();
  } catch (e) {
    table.replaceChildren(errorBox(messageOf(e)));
  }
  return h('section', { class: 'staff-page' },
    h('p', {}, h('a', { href: '#/' }, '← Courses')),
    h('h1', {}, `${a.title}: all hand-ins`),
    h('p', { class: 'muted' }, `Due ${formatTime(a.dueAt, a.timeZone)} · ${a.lateRule}`),
    box,
    h('section', { class: 'card' }, h('h2', {}, 'Hand-ins'), table, h('div', { class: 'actions' }, release)),
    ExtensionForm(a, box));
}

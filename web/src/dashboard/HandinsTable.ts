import { api, type Assignment } from '../api';
import { errorBox, formatPoints, formatTime, h, messageOf, say, viewerZone } from '../dom';

/** Every hand-in of the assignment, newest first, each with a regrade button; and regrading them all. */
export async function HandinsTable(a: Assignment, box: HTMLElement): Promise<HTMLElement> {
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
        h('td', {}, s.finalPoints == null ? '—' : formatPoints(s.finalPoints)),
        h('td', {}, s.chosen ? 'yes' : ''),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => void regrade(s.id) }, 'Regrade')))))));
  };
  const regradeAll = h('button', { type: 'button', class: 'secondary' }, 'Regrade all hand-ins');
  regradeAll.addEventListener('click', async () => {
    if (!window.confirm(`Queue a regrade of every hand-in to ${a.title}? New hand-ins still go first.`)) return;
    try {
      const { queued } = await api.regradeAll(a.id);
      say(box, `${queued} regrade(s) queued behind students' new hand-ins.`, true);
      await render();
    } catch (e) {
      say(box, messageOf(e), false);
    }
  });
  try {
    await render();
  } catch (e) {
    table.replaceChildren(errorBox(messageOf(e)));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'handins-title' },
    h('h2', { id: 'handins-title' }, 'Every hand-in'), table, h('div', { class: 'actions' }, regradeAll));
}

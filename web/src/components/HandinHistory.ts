import { api, type Assignment, type Counted, type SubmissionSummary } from '../api';
import { errorBox, formatTime, h, messageOf, viewerZone } from '../dom';

const WHY: Record<Counted['counting'], string> = {
  last: 'Counts (latest)',
  best: 'Counts (best score)',
  chosen: 'Counts (your choice)',
};

/** The server decides which hand-in counts (own or group's, last, best or chosen); this only labels it. */
function countsNote(counted: Counted, s: SubmissionSummary): string {
  if (s.id !== counted.submissionId) return '';
  return counted.counting === 'chosen' && !s.chosen ? 'Counts (latest)' : WHY[counted.counting];
}

/** Every hand-in to one assignment, newest first, with the one that counts and (where allowed) choosing it. */
export async function HandinHistory(a: Assignment): Promise<HTMLElement> {
  const section = h('section', { class: 'card handin-history', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'Your hand-ins'));
  const message = h('div', { 'aria-live': 'polite' });
  const table = h('div', { class: 'table-wrap' });
  section.append(message, table);
  const render = async () => {
    const [rows, counted] = await Promise.all([api.mySubmissions(a.id), api.counted(a.id)]);
    if (rows.length === 0) {
      table.replaceChildren(h('p', { class: 'muted' }, 'No hand-ins yet.'));
      return;
    }
    const noneChosen = a.counts === 'chosen' && !rows.some((r) => r.chosen);
    table.replaceChildren(
      noneChosen ? h('p', { class: 'muted' }, 'You have not chosen one yet, so your latest counts.') : '',
      counted.scaled ? h('p', { class: 'notice scaled-mark' },
        `Your mark was scaled by the instructor after peer assessment: ${counted.scaled}.`) : '',
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Received'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Counts'), a.counts === 'chosen' ? h('th', { scope: 'col' }, 'Choose') : null)),
        h('tbody', {}, ...rows.map((s) => h('tr', { 'data-submission': s.id },
          h('td', {}, h('a', { href: `#/submissions/${s.id}` }, formatTime(s.receivedAt, viewerZone()))),
          h('td', {}, h('span', { class: `status ${s.status}` }, s.status)),
          h('td', {}, countsNote(counted, s)),
          a.counts === 'chosen' ? h('td', {}, s.chosen ? '' : h('button', {
            type: 'button', class: 'secondary', onclick: () => void choose(s.id),
          }, 'Make this the one that counts')) : null)))));
  };
  const choose = async (id: string) => {
    message.replaceChildren();
    try {
      await api.choose(id);
      await render();
      message.append(h('p', { class: 'notice' }, 'Chosen: this hand-in now counts.'));
    } catch (e) {
      message.append(errorBox(messageOf(e)));
    }
  };
  try {
    await render();
  } catch (e) {
    table.replaceChildren(errorBox((e as Error).message));
  }
  return section;
}

import { api, type HandinProgress } from '../api';
import type { OnLeave } from '../components/Countdown';
import { cellText, elapsedText } from '../components/NotebookProgress';
import { h } from '../dom';

function Row(p: HandinProgress): HTMLElement {
  return h('tr', { 'data-submission': p.submissionId },
    h('td', {}, h('a', { href: `#/submissions/${p.submissionId}` }, p.student ?? p.submissionId)),
    h('td', {}, p.notebook ?? '—'),
    h('td', {}, p.notebook ? cellText(p) : '—'),
    h('td', {}, p.notebookSeconds !== null ? elapsedText(p.notebookSeconds) : '—'),
    h('td', {}, p.jobSeconds !== null ? elapsedText(p.jobSeconds) : '—'));
}

/**
 * The hand-ins being graded now, with the notebook and cell each is in and for how long, asked
 * again every few seconds while the page is open. Display only: a job reports its own progress.
 */
export function RunningHandins(assignmentId: string, onLeave: OnLeave): HTMLElement {
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, 'Loading…'));
  const card = h('section', { class: 'card running-handins', 'aria-labelledby': 'running-title', 'data-testid': 'running-handins' },
    h('h2', { id: 'running-title' }, 'Running now'), body);
  let stopped = false;
  let timer = 0;
  onLeave(() => { stopped = true; window.clearTimeout(timer); });
  const poll = async () => {
    try {
      const rows = await api.runningHandins(assignmentId);
      if (stopped) return;
      body.replaceChildren(rows.length === 0 ? h('p', { class: 'muted' }, 'No hand-in is being graded now.') : h('table', {},
        h('thead', {}, h('tr', {}, ...['Student', 'Notebook', 'Cell', 'In this notebook', 'In the job']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...rows.map(Row))));
    } catch {
      if (stopped) return;
    }
    timer = window.setTimeout(poll, 3000);
  };
  void poll();
  return card;
}

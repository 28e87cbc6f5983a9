import type { Overview } from '../api';
import { h } from '../dom';

function Stat(label: string, value: number, tone = ''): HTMLElement {
  return h('div', { class: `stat ${tone}` }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
}

/** Handed in, not yet, late and awaiting a score, out of the enrolled students. */
export function ClassCounts(o: Overview): HTMLElement {
  return h('section', { class: 'stats', 'aria-label': 'Class at a glance', 'data-testid': 'class-counts' },
    Stat('students', o.students),
    Stat('handed in', o.handedIn, 'ok'),
    Stat('not yet', o.notYet, o.notYet > 0 ? 'warn' : ''),
    Stat('late', o.late, o.late > 0 ? 'warn' : ''),
    Stat('awaiting a score', o.awaitingScore));
}

function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** The grading queue as a whole (every course): waiting, running and the oldest wait. */
export function QueueHealth(o: Overview): HTMLElement {
  const q = o.queue;
  const tone = q.oldestWaitSeconds > 600 ? 'late' : '';
  return h('section', { class: 'card queue-health', 'aria-labelledby': 'queue-title' },
    h('h3', { id: 'queue-title' }, 'Grading queue'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Waiting'), h('dd', {}, q.queued),
      h('dt', {}, 'Running'), h('dd', {}, q.running),
      h('dt', {}, 'Oldest wait'), h('dd', { class: tone }, q.queued === 0 ? '—' : waitText(q.oldestWaitSeconds))));
}

import { releaseZipUrl, type Assignment } from '../api';
import { formatTime, h, viewerZone } from '../dom';
import { Countdown, type OnLeave } from './Countdown';

/** Due dates in the viewer's and the course's time zone, the countdown, the late rule and today's cost. */
export function AssignmentFacts(a: Assignment, onLeave: OnLeave): HTMLElement {
  const mine = viewerZone();
  const extended = a.effectiveDueAt !== a.dueAt;
  const notebooks = a.checks.some((c) => c.kind === 'notebook');
  return h('dl', { class: 'facts' },
    h('dt', {}, 'Due (your time)'), h('dd', {}, formatTime(a.effectiveDueAt, mine)),
    mine === a.timeZone ? null : h('dt', {}, 'Due (course time)'),
    mine === a.timeZone ? null : h('dd', {}, `${formatTime(a.effectiveDueAt, a.timeZone)} (${a.timeZone})`),
    extended ? h('dt', {}, 'Extension') : null,
    extended ? h('dd', {}, `You have an extension; the class deadline was ${formatTime(a.dueAt, mine)}.`) : null,
    h('dt', {}, 'Time left'), h('dd', {}, Countdown(a.effectiveDueAt, onLeave)),
    h('dt', {}, 'Late rule'), h('dd', {}, a.lateRule),
    h('dt', {}, 'If you hand in now'), h('dd', { class: 'if-now' }, a.ifHandedInNow),
    h('dt', {}, 'Which hand-in counts'), h('dd', {}, a.counts === 'chosen'
      ? 'The one you choose below.' : a.counts === 'best' ? 'Your best-scoring hand-in.' : 'Your latest hand-in.'),
    h('dt', {}, 'Hand-ins per day'), h('dd', {}, a.handinsPerDay),
    notebooks ? h('dt', {}, 'Notebooks') : null,
    notebooks ? h('dd', {}, h('a', { class: 'release-zip', href: releaseZipUrl(a.id), download: '' },
      'Download the notebooks and data files (zip)')) : null);
}

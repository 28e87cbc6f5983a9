import { api } from '../api';
import type { OnLeave } from '../components/Countdown';
import { formatTime, h, messageOf, say } from '../dom';
import { CheckPassRates } from './CheckPassRates';
import { ClassCounts, QueueHealth } from './ClassCounts';
import { ExtensionForm } from './ExtensionForm';
import { HandinsOverTime } from './HandinsOverTime';
import { HandinsTable } from './HandinsTable';
import { PeerRatingsCard } from './PeerRatingsCard';
import { RunningHandins } from './RunningHandins';
import { ScoreHistogram } from './ScoreHistogram';
import { ShadowRegradeCard } from './ShadowRegradeCard';
import { StudentTable } from './StudentTable';

/**
 * The instructors' and TAs' page for one assignment: how the class is doing at a glance, the
 * students with search and filters, every hand-in, and the actions on the whole assignment.
 */
export async function DashboardPage(assignmentId: string, onLeave: OnLeave): Promise<HTMLElement> {
  const [a, o] = await Promise.all([api.assignment(assignmentId), api.overview(assignmentId)]);
  const box = h('div', { 'aria-live': 'polite', class: 'staff-message' });
  const release = h('button', { type: 'button' }, 'Release hidden results');
  release.addEventListener('click', async () => {
    try {
      await api.releaseHidden(a.id);
      say(box, 'Hidden results released: students now see the hidden checks\' details '
        + '(after-due checks show theirs after the due time).', true);
    } catch (e) {
      say(box, messageOf(e), false);
    }
  });
  return h('section', { class: 'dashboard-page' },
    h('p', {}, h('a', { href: '#/' }, '← Courses')),
    h('h1', {}, `${a.title}: dashboard`),
    h('p', { class: 'muted' }, `Due ${formatTime(a.dueAt, a.timeZone)} · ${a.lateRule}`),
    ClassCounts(o),
    h('div', { class: 'chart-grid' },
      ScoreHistogram(o.histogram, onLeave),
      CheckPassRates(o.checks, onLeave),
      HandinsOverTime(o, a.timeZone, onLeave),
      QueueHealth(o)),
    box,
    h('div', { class: 'actions page-actions' }, release),
    await ShadowRegradeCard(a, box),
    StudentTable(a),
    RunningHandins(a.id, onLeave),
    await HandinsTable(a, box),
    await PeerRatingsCard(a, box),
    ExtensionForm(a, box));
}

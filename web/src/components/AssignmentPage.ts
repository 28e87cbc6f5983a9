import { api } from '../api';
import { h } from '../dom';
import { AssignmentFacts } from './AssignmentFacts';
import type { OnLeave } from './Countdown';
import { GroupPanel } from './GroupPanel';
import { HandinForm } from './HandinForm';
import { HandinHistory } from './HandinHistory';
import { LeaderboardCard } from './LeaderboardCard';

/** One assignment: when it is due and what lateness costs, the group, the hand-in form and the history of hand-ins. */
export async function AssignmentPage(id: string, onLeave: OnLeave, go: (hash: string) => void): Promise<HTMLElement> {
  const a = await api.assignment(id);
  return h('section', { class: 'assignment-page' },
    h('p', {}, h('a', { href: '#/' }, '← Your courses')),
    h('h1', {}, a.title),
    h('section', { class: 'card' }, AssignmentFacts(a, onLeave)),
    a.groupWork ? await GroupPanel(a) : null,
    HandinForm(a, (receipt) => go(`#/submissions/${receipt.submissionId}`)),
    await HandinHistory(a),
    await LeaderboardCard(a));
}

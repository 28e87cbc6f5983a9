import { api, type Assignment, type GroupRatings } from '../api';
import { h, messageOf, say } from '../dom';

function MemberRow(a: Assignment, g: GroupRatings, m: GroupRatings['members'][number], box: HTMLElement,
  reload: () => Promise<void>): HTMLElement {
  const id = `scale-${g.teamId}-${m.username}`;
  const factor = h('input', { type: 'number', id, name: 'factor', min: '0', max: '1.5', step: '0.05',
    value: String(m.scale ?? 1), required: true });
  const reason = h('input', { type: 'text', id: `${id}-reason`, name: 'reason', required: true,
    value: m.scaleReason ?? '' });
  const form = h('form', { class: 'inline-form' },
    h('label', { for: id }, `Scale for ${m.username}`), factor,
    h('label', { for: `${id}-reason` }, `Reason for ${m.username} (kept in the audit trail)`), reason,
    h('button', { type: 'submit', class: 'secondary' }, 'Set scale'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.scaleMark(a.id, m.username, Number(factor.value), reason.value.trim());
      say(box, `${m.username}'s mark on ${a.title} is now scaled by ${Number(factor.value).toFixed(2)}.`, true);
      await reload();
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  const received = g.ratings.filter((r) => r.ratee === m.username)
    .map((r) => `${r.rater}: ${r.score}${r.comment ? ` (${r.comment})` : ''}`).join('; ');
  return h('tr', { 'data-member': m.username },
    h('td', {}, `${m.name} (${m.username})`),
    h('td', {}, m.meanReceived === null ? '—' : m.meanReceived.toFixed(2)),
    h('td', {}, received || 'no ratings yet'),
    h('td', {}, m.scale === null ? '—' : Number(m.scale).toFixed(2)),
    h('td', {}, form));
}

/**
 * Peer assessment of a group assignment: per group, what each member received from each member,
 * and (instructors) a scale factor per member with its reason; the gradebook shows the scaled mark.
 */
export async function PeerRatingsCard(a: Assignment, box: HTMLElement): Promise<HTMLElement> {
  const card = h('section', { class: 'card peer-ratings', 'aria-labelledby': 'peer-title' });
  if (!a.groupWork) return card;
  const load = async () => {
    const groups = await api.peerRatings(a.id);
    card.replaceChildren(h('h2', { id: 'peer-title' }, 'Peer assessment and scaled marks'),
      h('p', { class: 'muted' }, 'Members rate every member 0 to 5 after the due time. A scale (0 to 1.5) '
        + 'multiplies a member\'s mark, capped at the maximum; only instructors may set one.'),
      groups.length === 0 ? h('p', { class: 'muted' }, 'No groups yet.') : '',
      ...groups.map((g) => h('div', { class: 'table-wrap', 'data-group': g.name },
        h('h3', {}, g.name),
        h('table', {},
          h('thead', {}, h('tr', {}, ...['Member', 'Mean rating', 'Ratings received', 'Scale', 'Set scale']
            .map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...g.members.map((m) => MemberRow(a, g, m, box, load)))))));
  };
  try {
    await load();
  } catch {
    return card;
  }
  return card;
}

import { api, type Assignment, type Regrade } from '../api';
import { formatPoints, h, messageOf, say } from '../dom';

/**
 * The shadow regrade waiting for a decision, if any: what the new version of the assignment
 * changed, per student the score now and after, and the buttons to publish or discard it.
 * Instructors only; for anyone else the card stays empty.
 */
export async function ShadowRegradeCard(a: Assignment, box: HTMLElement): Promise<HTMLElement> {
  const card = h('section', { class: 'card shadow-regrade', 'aria-labelledby': 'regrade-title' });
  let pending: Regrade | null = null;
  try {
    const waiting = (await api.regrades(a.id)).find((r) => r.state === 'ready' || r.state === 'computing'
      || r.state === 'failed');
    pending = waiting ? await api.shadowRegrade(a.id, waiting.id) : null;
  } catch {
    return card;
  }
  if (!pending) return card;
  const r = pending;
  const decide = async (publish: boolean) => {
    try {
      if (publish) {
        const done = await api.publishRegrade(a.id, r.id);
        say(box, `Regrade published: ${done.rescored} scores now follow version ${r.toVersion}.`, true);
      } else {
        await api.discardRegrade(a.id, r.id);
        say(box, `Regrade discarded: every score stays as it was.`, true);
      }
      card.replaceChildren();
    } catch (e) {
      say(box, messageOf(e), false);
    }
  };
  const work = r.callsRerun === 0 ? 'rescored from the kept runs, no sandbox ran'
    : `${r.callsRerun} changed calls ran again in ${r.sandboxRuns} sandbox runs; the rest reused kept outputs`;
  card.append(h('div', {},
    h('h2', { id: 'regrade-title' }, `Shadow regrade: version ${r.fromVersion} → ${r.toVersion} (${r.state})`),
    h('ul', { class: 'regrade-changes' }, ...r.changes.map((c) => h('li', {}, c))),
    h('p', { class: 'muted' }, `${r.changedScores} of ${r.handins} scores change`
      + (r.changedScores ? `; largest change ${formatPoints(r.largestChange)}, mean ${formatPoints(r.meanChange)}` : '')
      + `; ${work}.`),
    r.error ? h('p', { class: 'error', role: 'alert' }, r.error) : null,
    h('table', { class: 'regrade-entries' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Student'), h('th', {}, 'Now'), h('th', {}, 'After'), h('th', {}, 'Change'))),
      h('tbody', {}, ...r.entries.map((e) => h('tr', { class: Math.abs(e.change) > 1e-6 ? 'changed' : '' },
        h('td', {}, e.student), h('td', {}, formatPoints(e.oldPoints)), h('td', {}, formatPoints(e.newPoints)),
        h('td', {}, (e.change > 0 ? '+' : '') + formatPoints(e.change)))))),
    r.state === 'ready' ? h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => void decide(true) }, 'Publish new scores'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void decide(false) }, 'Discard')) : null));
  return card;
}

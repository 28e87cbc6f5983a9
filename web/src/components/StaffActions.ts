import { api, type CheckResult, type Result } from '../api';
import { h, messageOf, say } from '../dom';

let formCount = 0;

function OverrideForm(submissionId: string, r: Result, done: (text: string) => Promise<void>, box: HTMLElement): HTMLElement {
  const points = h('input', { type: 'number', id: 'override-points', name: 'points', min: 0, step: 'any',
    max: r.maxPoints ?? null, value: r.overrideReason ? String(r.finalPoints) : null });
  const reason = h('textarea', { id: 'override-reason', name: 'reason', required: true, rows: 2 });
  const form = h('form', { class: 'override-form', 'aria-labelledby': 'override-title' },
    h('h3', { id: 'override-title' }, 'Override the score'),
    h('label', { for: 'override-points' }, `Final points (0–${r.maxPoints}; empty clears an override)`), points,
    h('label', { for: 'override-reason' }, 'Reason (required; the student sees it and it is audited)'), reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Override score')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = points.value.trim() === '' ? null : Number(points.value);
    try {
      await api.override(submissionId, value, reason.value.trim());
      form.reset();
      await done(value === null ? 'Override cleared.' : `Score overridden: ${value} points.`);
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  return form;
}

function ManualForm(submissionId: string, c: CheckResult, done: (text: string) => Promise<void>, box: HTMLElement): HTMLElement {
  const n = ++formCount;
  const rubric = (c.details as { rubric?: string[] } | undefined)?.rubric ?? [];
  const points = h('input', { type: 'number', id: `manual-points-${n}`, name: 'points', min: 0, max: c.maxPoints,
    step: 'any', required: true, value: c.points === undefined || c.status === 'pending' ? null : String(c.points) });
  const comment = h('textarea', { id: `manual-comment-${n}`, name: 'comment', rows: 2 });
  const form = h('form', { class: 'manual-form', 'data-rubric': c.id },
    h('h3', {}, `Rubric: ${c.id}`),
    rubric.length ? h('ul', {}, ...rubric.map((item) => h('li', {}, item))) : null,
    h('label', { for: `manual-points-${n}` }, `Points for ${c.id} (0–${c.maxPoints})`), points,
    h('label', { for: `manual-comment-${n}` }, `Comment for the student on ${c.id}`), comment,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Save ${c.id}`)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.gradeManual(submissionId, c.id, Number(points.value), comment.value.trim());
      await done(`${c.id}: ${points.value} of ${c.maxPoints} points saved.`);
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  return form;
}

/**
 * What staff do to one hand-in: grade its manual rubric checks, override its score with a reason
 * (instructors), and regrade it. {@code changed} runs after each action, to show the new score.
 */
export async function StaffActions(submissionId: string, instructor: boolean, changed: () => Promise<void>):
    Promise<HTMLElement> {
  const box = h('div', { 'aria-live': 'polite', class: 'staff-message' });
  const forms = h('div', { class: 'staff-forms' });
  const section = h('section', { class: 'card staff-actions', 'aria-labelledby': 'staff-actions-title' },
    h('h2', { id: 'staff-actions-title' }, 'Staff actions'), box, forms);
  const render = async () => {
    const r = await api.result(submissionId);
    const done = async (text: string) => { await changed(); await render(); say(box, text, true); };
    const regrade = h('button', { type: 'button', class: 'secondary' }, 'Regrade this hand-in');
    regrade.addEventListener('click', async () => {
      try {
        const { jobId } = await api.regrade(submissionId);
        await done(`Regrade queued (job ${jobId}).`);
      } catch (e) {
        say(box, messageOf(e), false);
      }
    });
    const scored = r.status === 'scored' && r.checks;
    const parts: HTMLElement[] = scored
      ? r.checks!.filter((c) => c.kind === 'manual').map((c) => ManualForm(submissionId, c, done, box))
      : [h('p', { class: 'muted' }, 'Grading and overrides open once the hand-in is scored.')];
    if (scored && instructor) parts.push(OverrideForm(submissionId, r, done, box));
    forms.replaceChildren(...parts, h('div', { class: 'actions' }, regrade));
  };
  try {
    await render();
  } catch (e) {
    say(box, messageOf(e), false);
  }
  return section;
}

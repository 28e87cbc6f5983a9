import { api, type Assignment } from '../api';
import { h, messageOf, say } from '../dom';

/** Grants one student a later due time; the reason goes to the audit trail. */
export function ExtensionForm(a: Assignment, box: HTMLElement): HTMLElement {
  const username = h('input', { type: 'text', id: 'ext-username', name: 'username', required: true });
  const dueAt = h('input', { type: 'datetime-local', id: 'ext-due', name: 'dueAt', required: true });
  const reason = h('input', { type: 'text', id: 'ext-reason', name: 'reason', required: true });
  const form = h('form', { class: 'card extension-form', 'aria-labelledby': 'ext-title' },
    h('h2', { id: 'ext-title' }, 'Grant an extension'),
    h('label', { for: 'ext-username' }, 'Student username'), username,
    h('label', { for: 'ext-due' }, `New due time (course time, ${a.timeZone})`), dueAt,
    h('label', { for: 'ext-reason' }, 'Reason (kept in the audit trail)'), reason,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Grant extension')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.grantExtension(a.id, username.value.trim(), dueAt.value, reason.value.trim());
      say(box, `Extension granted to ${username.value.trim()} until ${dueAt.value} (${a.timeZone}).`, true);
      form.reset();
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  return form;
}

import { api, type AuditEntry } from '../api';
import { errorBox, formatTime, h, messageOf, viewerZone } from '../dom';

function change(e: AuditEntry): string {
  const parts = [];
  if (e.before) parts.push(`before ${e.before}`);
  if (e.after) parts.push(`after ${e.after}`);
  return parts.join(' → ');
}

/** Everything that happened to a hand-in, newest first: who did it, when and what changed. */
export function AuditTrail(submissionId: string): { element: HTMLElement; refresh: () => Promise<void> } {
  const table = h('div', { class: 'table-wrap' });
  const refresh = async () => {
    try {
      const entries = await api.audit(submissionId);
      table.replaceChildren(h('table', { class: 'audit' },
        h('thead', {}, h('tr', {}, ...['When', 'Who', 'What', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...entries.map((e) => h('tr', { 'data-action': e.action },
          h('td', {}, formatTime(e.at, viewerZone())), h('td', {}, e.actorUsername ?? 'TensorMark'),
          h('td', {}, e.action), h('td', { class: 'hash' }, change(e)))))));
    } catch (e) {
      table.replaceChildren(errorBox(messageOf(e)));
    }
  };
  void refresh();
  return {
    element: h('section', { class: 'card audit-trail', 'aria-labelledby': 'audit-title' },
      h('h2', { id: 'audit-title' }, 'Audit trail'), table),
    refresh,
  };
}

import type { Receipt } from '../api';
import { formatBytes, formatTime, h, viewerZone } from '../dom';

/** The receipt of a committed hand-in: id, server time and the sha256 of every file, downloadable as JSON. */
export function ReceiptCard(r: Receipt): HTMLElement {
  const json = JSON.stringify({ ...r, replayed: undefined }, null, 2);
  const download = h('a', {
    class: 'button secondary', download: `tensormark-receipt-${r.submissionId}.json`,
    href: URL.createObjectURL(new Blob([json], { type: 'application/json' })),
  }, 'Download receipt (JSON)');
  return h('section', { class: 'card receipt', 'aria-labelledby': 'receipt-title' },
    h('h2', { id: 'receipt-title' }, 'Receipt'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Hand-in id'), h('dd', { class: 'hash', 'data-testid': 'submission-id' }, r.submissionId),
      h('dt', {}, 'Received (your time)'), h('dd', {}, formatTime(r.receivedAt, viewerZone())),
      h('dt', {}, 'Received (course time)'), h('dd', {}, r.receivedAtCourseTime),
      r.lateness ? h('dt', {}, 'Timing') : null, r.lateness ? h('dd', {}, r.lateness) : null),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'muted' }, 'Files stored'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Slot'), h('th', { scope: 'col' }, 'File'),
        h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'sha256'))),
      h('tbody', {}, ...r.files.map((f) => h('tr', {},
        h('td', {}, f.role), h('td', {}, f.filename), h('td', {}, formatBytes(f.size)),
        h('td', { class: 'hash' }, f.sha256)))))),
    h('div', { class: 'actions' }, download));
}

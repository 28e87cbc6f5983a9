import { api, type ImportReport } from '../api';
import { errorBox, h, messageOf } from '../dom';

function summary(r: ImportReport): string {
  return `${r.format} class list: ${r.created} new account(s), ${r.enrolled} enrolled, ${r.updated} updated, `
    + `${r.dropped} dropped, ${r.unchanged} unchanged.`;
}

function describe(fields: Record<string, string> | null): string {
  return fields ? Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(', ') : '';
}

/** The changes an import makes (or would make) and the rows it could not read, with their line numbers. */
function ReportView(r: ImportReport, dryRun: boolean): HTMLElement {
  const head = r.applied ? `Imported. ${summary(r)}`
    : dryRun && r.errors.length === 0 ? `Preview, nothing changed yet. ${summary(r)}`
      : `Nothing was changed: ${r.errors.length} row(s) could not be read. Fix them and preview again.`;
  return h('div', { class: 'import-report', 'data-testid': 'import-report' },
    h('p', { class: r.errors.length > 0 ? 'error' : 'notice' }, head),
    r.errors.length > 0 ? h('ul', { class: 'import-errors' }, ...r.errors.map((e) => h('li', {}, `line ${e.line}: ${e.message}`)))
      : null,
    r.changes.length > 0 ? h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Line', 'Username', 'Change', 'Before', 'After'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...r.changes.map((c) => h('tr', { 'data-change': c.username },
        h('td', {}, c.line === 0 ? '' : c.line), h('td', {}, c.username), h('td', {}, c.action),
        h('td', {}, describe(c.before)), h('td', {}, describe(c.after)))))))
      : null);
}

/**
 * Imports a class list (a Canvas or Moodle export, or username,name,email,student_id,section,role):
 * first a preview of every change, then the same file applied. A file with a bad row changes nothing.
 */
export function RosterImport(courseId: string, onApplied: () => Promise<void>): HTMLElement {
  const file = h('input', { type: 'file', id: 'roster-file', name: 'file', accept: '.csv,text/csv' });
  const dropMissing = h('input', { type: 'checkbox', id: 'roster-drop-missing', name: 'dropMissing' });
  const preview = h('button', { type: 'submit' }, 'Preview import');
  const apply = h('button', { type: 'button', hidden: true }, 'Apply import');
  const result = h('div', { 'aria-live': 'polite' });
  let previewed = '';
  const run = async (dryRun: boolean) => {
    const chosen = file.files?.[0];
    if (!chosen) {
      result.replaceChildren(errorBox('Choose a CSV file first.'));
      return;
    }
    try {
      const csv = dryRun ? await chosen.text() : previewed;
      const report = await api.importRoster(courseId, csv, dryRun, dropMissing.checked);
      previewed = csv;
      apply.hidden = !dryRun || report.errors.length > 0;
      result.replaceChildren(ReportView(report, dryRun));
      if (report.applied && !dryRun) await onApplied();
    } catch (e) {
      result.replaceChildren(errorBox(messageOf(e)));
    }
  };
  const form = h('form', { class: 'card roster-import', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, 'Import a class list'),
    h('p', { class: 'muted' }, 'A CSV with a header row: a Canvas or Moodle export, or '
      + 'username,name,email,student_id,section,role. New people get an account without a password.'),
    h('label', { for: 'roster-file' }, 'Class list (CSV)'), file,
    h('div', {}, dropMissing, ' ', h('label', { for: 'roster-drop-missing', class: 'inline' },
      'Drop people who are not in the file')),
    h('div', { class: 'actions' }, preview, apply),
    result);
  form.addEventListener('submit', (e) => { e.preventDefault(); void run(true); });
  file.addEventListener('change', () => { apply.hidden = true; });
  dropMissing.addEventListener('change', () => { apply.hidden = true; });
  apply.addEventListener('click', () => void run(false));
  return form;
}

import { ApiError, handIn, type Assignment, type FileSlot, type Receipt } from '../api';
import { errorBox, formatBytes, h, messageOf } from '../dom';

const slotNames: Record<string, string> = { code: 'Code', report: 'Report', extra: 'Extra files' };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The same type and size checks the server makes, done before anything is sent. */
export function problemWith(file: File, slot: FileSlot): string | null {
  if (!slot.types.includes(extensionOf(file.name))) {
    return `${file.name} is not one of the accepted types for ${slot.role} (${slot.types.map((t) => '.' + t).join(', ')}).`;
  }
  if (file.size > slot.maxBytes) {
    return `${file.name} is ${formatBytes(file.size)}; the limit for ${slot.role} is ${formatBytes(slot.maxBytes)}.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

function FileDropZone(slot: FileSlot, onChange: (file: File | null) => void): HTMLElement {
  const id = `file-${slot.role}`;
  const accept = slot.types.map((t) => '.' + t).join(',');
  const input = h('input', { type: 'file', id, name: slot.role, accept, 'aria-describedby': `${id}-hint` });
  const chosen = h('div', { class: 'chosen-file', 'aria-live': 'polite' });
  const zone = h('div', { class: 'drop-zone', 'data-slot': slot.role },
    h('label', { for: id }, `${slotNames[slot.role] ?? slot.role}${slot.required ? '' : ' (optional)'}`),
    h('p', { class: 'muted', id: `${id}-hint` },
      `Drop a file here or choose one: ${slot.types.map((t) => '.' + t).join(', ')}, at most ${formatBytes(slot.maxBytes)}.`),
    input, chosen);
  const take = (file: File | null) => {
    chosen.replaceChildren();
    if (file) {
      const problem = problemWith(file, slot);
      chosen.append(problem ? errorBox(problem) : h('span', {}, `Selected: ${file.name} (${formatBytes(file.size)})`));
      onChange(problem ? null : file);
    } else {
      onChange(null);
    }
  };
  input.addEventListener('change', () => take(input.files?.[0] ?? null));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0] ?? null;
    if (file && e.dataTransfer) input.files = e.dataTransfer.files;
    take(file);
  });
  return zone;
}

/**
 * The hand-in form: one drop zone per file slot, checks before upload, a progress bar, and one
 * Idempotency-Key per attempt so that retrying an interrupted upload cannot hand in twice.
 */
export function HandinForm(a: Assignment, onReceipt: (r: Receipt) => void): HTMLElement {
  const files = new Map<string, File>();
  let attemptKey: string | null = null;
  const message = h('div', { 'aria-live': 'polite', class: 'form-message' });
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Upload progress' });
  const progressRow = h('div', { class: 'upload-progress', hidden: true }, progress);
  const submit = h('button', { type: 'submit' }, 'Hand in');
  const zones = a.files.map((slot) => FileDropZone(slot, (file) => {
    if (file) files.set(slot.role, file); else files.delete(slot.role);
    attemptKey = null;
  }));
  const form = h('form', { class: 'card handin-form', 'aria-labelledby': 'handin-title' },
    h('h2', { id: 'handin-title' }, 'Hand in'),
    a.open ? h('p', { class: 'muted' }, a.ifHandedInNow) : errorBox(`Hand-ins are closed. ${a.ifHandedInNow}`),
    ...zones, progressRow, message, h('div', { class: 'actions' }, submit));
  if (!a.open) submit.disabled = true;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.replaceChildren();
    const missing = a.files.filter((s) => s.required && !files.has(s.role)).map((s) => s.role);
    if (missing.length > 0) {
      message.append(errorBox(`Choose a valid file for: ${missing.join(', ')}.`));
      return;
    }
    attemptKey ??= crypto.randomUUID();
    submit.disabled = true;
    progressRow.hidden = false;
    progress.value = 0;
    try {
      const receipt = await handIn(a.id, files, attemptKey, (f) => { progress.value = f; });
      attemptKey = null;
      onReceipt(receipt);
    } catch (err) {
      message.append(errorBox(messageOf(err)));
      // A refused hand-in will be refused again; only an interrupted one is retried with the same key.
      if (!(err instanceof ApiError) || err.status !== 0) attemptKey = null;
    } finally {
      submit.disabled = !a.open;
    }
  });
  return form;
}

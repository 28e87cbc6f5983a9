import { api, type StoredFile } from '../api';
import { errorBox, formatBytes, h, messageOf } from '../dom';
import { CodeView, languageOf } from './CodeView';
import { NotebookView } from './NotebookView';

async function textView(load: () => Promise<string>, filename: string): Promise<HTMLElement> {
  try {
    const text = await load();
    return filename.toLowerCase().endsWith('.ipynb') ? NotebookView(text, filename)
      : CodeView(text, languageOf(filename), filename);
  } catch (e) {
    return errorBox(messageOf(e));
  }
}

function PdfView(url: string, f: StoredFile): HTMLElement {
  return h('div', { class: 'pdf-view' },
    h('object', { data: url, type: 'application/pdf', class: 'pdf-frame', 'aria-label': `${f.filename} (PDF)` },
      h('p', {}, 'This browser does not show PDFs inline. ', h('a', { href: url, target: '_blank', rel: 'noopener' },
        `Open ${f.filename}`))),
    h('p', {}, h('a', { href: url, target: '_blank', rel: 'noopener' }, `Open ${f.filename} in a new tab`)));
}

function ArchiveView(submissionId: string, f: StoredFile): HTMLElement {
  const shown = h('div', { class: 'entry-view', 'aria-live': 'polite' });
  const entries = f.entries ?? [];
  const show = async (path: string) => {
    shown.replaceChildren(h('h4', {}, path), await textView(() => api.entryText(submissionId, f.role, path), path));
  };
  const list = h('ul', { class: 'entries' }, ...entries.map((e) => h('li', {},
    h('button', { type: 'button', class: 'link', onclick: () => void show(e.path) }, e.path),
    h('span', { class: 'muted' }, ` ${formatBytes(e.size)}`))));
  const first = entries.find((e) => e.path.endsWith('.py') || e.path.endsWith('.ipynb'));
  if (first) void show(first.path);
  return h('div', { class: 'archive-view' },
    h('p', {}, `${entries.length} file(s) in the archive. `,
      h('a', { href: api.fileUrl(submissionId, f.role), download: f.filename }, 'Download the archive')),
    list, shown);
}

async function FileBody(submissionId: string, f: StoredFile): Promise<HTMLElement> {
  if (f.purgedAt) {
    return h('p', { class: 'muted purged' }, `This file was removed on ${new Date(f.purgedAt).toLocaleDateString()}`
      + ` under the course's data retention rules. Its receipt (sha256 ${f.sha256}) and the grades stay.`);
  }
  const url = api.fileUrl(submissionId, f.role);
  switch (f.kind) {
    case 'python':
    case 'notebook':
      return textView(() => api.fileText(submissionId, f.role), f.filename);
    case 'pdf': return PdfView(url, f);
    case 'zip': return ArchiveView(submissionId, f);
    case 'video': return h('video', { controls: true, preload: 'metadata', src: url, class: 'video-view' });
    default: return h('p', {}, h('a', { href: url, download: f.filename }, `Download ${f.filename}`));
  }
}

/** The hand-in's files as stored: code highlighted, notebooks rendered, the report inline, archives browsable. */
export async function HandinFiles(submissionId: string): Promise<HTMLElement> {
  const section = h('section', { class: 'card handin-files', 'aria-labelledby': 'files-title' },
    h('h2', { id: 'files-title' }, 'Files'));
  try {
    const files = await api.files(submissionId);
    for (const f of files) {
      section.append(h('details', { class: 'file', 'data-file': f.role, open: f.kind !== 'video' },
        h('summary', {}, h('strong', {}, f.filename), h('span', { class: 'muted' }, ` · ${f.role} · ${formatBytes(f.size)}`)),
        await FileBody(submissionId, f)));
    }
  } catch (e) {
    section.append(errorBox(messageOf(e)));
  }
  return section;
}

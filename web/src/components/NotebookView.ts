import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { h } from '../dom';
import { CodeView } from './CodeView';

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

const joined = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join('') : text ?? '');
// eslint-disable-next-line no-control-regex
const withoutAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

// A student's markdown is untrusted: no images (they could call out), no forms, scripts or styles.
function Markdown(source: string): HTMLElement {
  const div = h('div', { class: 'nb-markdown' });
  div.innerHTML = DOMPurify.sanitize(marked.parse(source, { async: false }), {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'iframe', 'svg', 'math'], FORBID_ATTR: ['style'],
  });
  return div;
}

function OutputView(o: Output): HTMLElement | null {
  if (o.output_type === 'stream') return h('pre', { class: `nb-output ${o.name ?? ''}` }, joined(o.text));
  if (o.output_type === 'error') {
    return h('pre', { class: 'nb-output nb-error' },
      withoutAnsi([`${o.ename}: ${o.evalue}`, ...(o.traceback ?? [])].join('\n')));
  }
  const data = o.data ?? {};
  const png = joined(data['image/png']).replace(/\s/g, '');
  if (png && /^[A-Za-z0-9+/]+=*$/.test(png)) {
    return h('img', { class: 'nb-image', src: `data:image/png;base64,${png}`, alt: 'Figure output by the cell' });
  }
  if (data['text/plain']) return h('pre', { class: 'nb-output' }, joined(data['text/plain']));
  return null;
}

/** A Jupyter notebook as cells: markdown rendered (sanitised), code highlighted, outputs as text and figures. */
export function NotebookView(text: string, label: string): HTMLElement {
  let cells: Cell[];
  try {
    cells = (JSON.parse(text) as { cells?: Cell[] }).cells ?? [];
  } catch {
    return h('p', { class: 'error' }, 'This notebook is not valid JSON; download it to look at it.');
  }
  return h('div', { class: 'notebook', 'aria-label': label },
    ...cells.map((c, i) => h('div', { class: `nb-cell nb-${c.cell_type}`, 'data-cell': i },
      c.cell_type === 'markdown' ? Markdown(joined(c.source)) : h('div', { class: 'nb-input' },
        h('span', { class: 'nb-prompt muted' }, c.cell_type === 'code' ? `In [${c.execution_count ?? ' '}]:` : ''),
        CodeView(joined(c.source), c.cell_type === 'code' ? 'python' : 'plaintext', `Cell ${i + 1}`)),
      ...(c.outputs ?? []).map(OutputView))));
}

import hljs from 'highlight.js/lib/core';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import plaintext from 'highlight.js/lib/languages/plaintext';
import 'highlight.js/styles/github.css';
import { h } from '../dom';

hljs.registerLanguage('python', python);
hljs.registerLanguage('json', json);
hljs.registerLanguage('markdown', markdown);
hljs.registerLanguage('plaintext', plaintext);

// Highlighting a very large file would freeze the page; past this it is shown plain.
const MAX_HIGHLIGHTED_CHARS = 400_000;

/** The language to highlight a file in, from its name. */
export function languageOf(filename: string): string {
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  return ({ py: 'python', json: 'json', ipynb: 'json', md: 'markdown' } as Record<string, string>)[ext] ?? 'plaintext';
}

/** Source code with syntax highlighting (highlight.js escapes the text, so nothing in it runs). */
export function CodeView(text: string, language: string, label: string): HTMLElement {
  const code = h('code', { class: `hljs language-${language}` });
  if (text.length <= MAX_HIGHLIGHTED_CHARS) {
    code.innerHTML = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  } else {
    code.textContent = text;
  }
  return h('pre', { class: 'code-view', tabindex: 0, 'aria-label': label }, code);
}

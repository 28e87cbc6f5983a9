import type { SandboxRun } from '../api';
import { h } from '../dom';

const groupNames: Record<string, string> = {
  visible: 'visible checks',
  after_due: 'after-due checks (staff only)',
  hidden: 'hidden checks (staff only)',
};

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Stream(label: string, text: string): HTMLElement[] {
  return text === '' ? [] : [h('h4', {}, label), h('pre', { class: 'printed' }, text)];
}

function RunOutput(run: SandboxRun, title: string): HTMLElement {
  const nothing = run.stdout === '' && run.stderr === '';
  return h('details', { class: 'printed-output', 'data-run': run.group },
    h('summary', {}, title),
    h('p', { class: 'muted' }, `${sentence(run.verdictText)} after ${(run.wallMs / 1000).toFixed(1)} s.`),
    nothing ? h('p', { class: 'muted' }, 'Nothing was printed.') : null,
    ...Stream('Standard output', run.stdout),
    ...Stream('Standard error', run.stderr));
}

/**
 * What the hand-in's code printed, one collapsible section per sandbox run: a student gets the
 * visible checks' run only (the API sends no other), staff every run, each named by its checks. Long output shows its beginning and end with a note
 * of how much was cut in between.
 */
export function PrintedOutput(runs: SandboxRun[] | undefined, staff: boolean): HTMLElement[] {
  if (!runs || runs.length === 0) return [];
  if (!staff) {
    return [h('section', { class: 'printed-runs' }, ...runs.map((run) => RunOutput(run, 'What your code printed')))];
  }
  return [h('section', { class: 'printed-runs' }, ...runs.map((run) =>
    RunOutput(run, `What the code printed: ${groupNames[run.group] ?? run.group}`)))];
}

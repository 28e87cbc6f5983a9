import type { Overview } from '../api';
import { h } from '../dom';

function Stat(label: string, value: number, tone = ''): HTMLElement {
  return h('div', { class: `stat ${tone}` }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
}

/** Handed in, not yet, late and awaiting a score, out of the enrolled students. */
export function ClassCounts(o: Overview): HTMLElement {
  return h('section', { class: 'stats', 'aria-label': 'Class at a glance', 'data-testid': 'class-counts' },
    Stat('students', o.students),
    Stat('handed in', o.handedIn, 'ok'),
    Stat('not yet', o.notYet, o.notYet > 0 ? 'warn' : ''),
    Stat('late', o.late, o.late > 0 ? 'warn' : ''),
    Stat('awaiting a score', o.awaitingScore));
}

function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

const PHASE_NAMES: Record<string, string> = {
  queueWaitMs: 'Queue wait',
  materialiseMs: 'Unpacking the hand-in',
  sandboxStartMs: 'Sandbox start and tear-down',
  harnessImportMs: 'Python and NumPy import',
  handinImportMs: 'Hand-in import',
  callsMs: "The hand-in's calls",
  scoringMs: 'Inputs, reference and scoring',
  recordingMs: 'Recording the score',
};

function msText(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Where grading time went in the last hour: the median of each phase, in the order a job goes through them. */
function PhaseMedians(q: Overview['queue']): HTMLElement {
  const phases = Object.entries(q.phaseMediansMs ?? {});
  if (phases.length === 0) return h('p', { class: 'muted' }, 'No hand-in was graded in the last hour.');
  return h('div', { 'data-testid': 'phase-medians' },
    h('h4', {}, `Where the time went (median of ${q.timedResults} result(s), last hour)`),
    h('dl', { class: 'facts' },
      ...phases.flatMap(([phase, ms]) => [h('dt', {}, PHASE_NAMES[phase] ?? phase), h('dd', {}, msText(ms))])));
}

/** This assignment's queued hand-ins that no live worker can run, with the reason; nothing when there are none. */
function ImageWaits(q: Overview['queue']): HTMLElement | null {
  const waits = q.waiting ?? [];
  if (waits.length === 0) return null;
  return h('div', { class: 'image-waits', 'data-testid': 'image-waits' },
    h('h4', {}, 'Hand-ins waiting for a grading environment'),
    h('ul', {}, ...waits.map((w) => h('li', { class: 'late' }, `${w.jobs} hand-in(s): ${w.reason}`))),
    h('p', { class: 'muted' }, 'They use no attempt and run as soon as a worker holding the image starts. '
      + `Live workers: ${workerList(q.workers ?? [])}.`));
}

function workerList(workers: NonNullable<Overview['queue']['workers']>): string {
  if (workers.length === 0) return 'none';
  return workers.map((w) => `${w.workerId} (${w.devices.join('+')}: `
    + `${w.images.map((i) => `${i.name} ${i.digest.slice(0, 19)}…`).join(', ') || 'no image'})`).join('; ');
}

/** The grading queue as a whole (every course): waiting, running, the oldest wait and where grading time goes. */
export function QueueHealth(o: Overview): HTMLElement {
  const q = o.queue;
  const tone = q.oldestWaitSeconds > 600 ? 'late' : '';
  return h('section', { class: 'card queue-health', 'aria-labelledby': 'queue-title' },
    h('h3', { id: 'queue-title' }, 'Grading queue'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Waiting'), h('dd', {}, q.queued),
      h('dt', {}, 'Running'), h('dd', {}, q.running),
      h('dt', {}, 'Oldest wait'), h('dd', { class: tone }, q.queued === 0 ? '—' : waitText(q.oldestWaitSeconds))),
    ImageWaits(q),
    PhaseMedians(q));
}

import { api, type CheckSummary, type Result } from '../api';
import { errorBox, formatPoints, formatTime, h, viewerZone } from '../dom';
import type { OnLeave } from './Countdown';
import { FeedbackChecks, PendingChecks } from './FeedbackChecks';
import { progressSentence } from './NotebookProgress';
import { PrintedOutput } from './PrintedOutput';

const waiting = new Set(['queued', 'running', 'none']);

function statusLine(r: Result): string {
  switch (r.status) {
    case 'queued':
      if (r.waitingFor) return r.waitingFor;
      return r.queuePosition !== undefined
        ? `Queued: ${r.queuePosition === 0 ? 'next in line' : `${r.queuePosition} hand-in(s) ahead of yours`}.`
        : 'Queued: waiting for a grader.';
    case 'running': return 'Running: your code is being graded now.';
    case 'scored': return 'Scored.';
    case 'failed': return 'Grading could not finish because of a problem on our side. It does not count against your hand-ins; staff have been told.';
    case 'none': return 'Waiting for grading to start.';
    default: return r.status;
  }
}

function computed(r: Result): string {
  return formatPoints((r.rawPoints ?? 0) * (1 - (r.latePenaltyPercent ?? 0) / 100));
}

function ScoreSummary(r: Result): HTMLElement {
  return h('div', { class: 'score-summary' },
    h('p', { class: 'score' }, `${formatPoints(r.finalPoints ?? 0)} / ${r.maxPoints} points`),
    r.latePenaltyPercent ? h('p', {},
      `Before the late penalty: ${formatPoints(r.rawPoints ?? 0)} points; penalty ${r.latePenaltyPercent} %.`) : null,
    r.lateSentence ? h('p', { class: r.latePenaltyPercent ? 'late late-sentence' : 'muted late-sentence' }, r.lateSentence)
      : null,
    r.rescore ? h('p', { class: 'notice rescore-note' }, r.rescore.sentence) : null,
    ...(r.notices ?? []).map((n) => h('p', { class: 'notice grader-notice' }, n)),
    r.overrideReason ? h('p', { class: 'notice override-reason' },
      `Score set by an instructor (computed: ${computed(r)} points). Reason: ${r.overrideReason}`) : null,
    r.scoredAt ? h('p', { class: 'muted' }, `Scored ${formatTime(r.scoredAt, viewerZone())}.`) : null);
}

/**
 * Live status of one hand-in (polled until it is scored), then its score and per-check feedback;
 * {@code refresh} asks again at once (after staff changed the score).
 */
export function ResultPanel(submissionId: string, declared: CheckSummary[], onLeave: OnLeave):
    { element: HTMLElement; refresh: () => Promise<void> } {
  const status = h('p', { class: 'result-status', role: 'status', 'aria-live': 'polite' }, 'Loading the result…');
  const body = h('div', { class: 'result-body' }, PendingChecks(declared));
  const progress = h('p', { class: 'result-progress muted', 'data-testid': 'result-progress', hidden: true });
  const panel = h('section', { class: 'card result-panel', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title' }, 'Result'), status, progress, body);
  let stopped = false;
  let timer = 0;
  // Which notebook and cell a running notebook hand-in is in; a failure to ask only hides the line.
  const showProgress = async (running: boolean) => {
    const sentence = running ? await api.progress(submissionId).then(progressSentence).catch(() => null) : null;
    if (stopped) return;
    progress.hidden = sentence === null;
    progress.textContent = sentence ?? '';
  };
  onLeave(() => { stopped = true; window.clearTimeout(timer); });
  const poll = async () => {
    try {
      const r = await api.result(submissionId);
      if (stopped) return;
      status.replaceChildren(h('span', { class: `status ${r.status}` }, r.status), ' ', statusLine(r));
      panel.dataset.status = r.status;
      await showProgress(r.status === 'running');
      if (r.status === 'scored' && r.checks) {
        body.replaceChildren(ScoreSummary(r), FeedbackChecks(r.checks), ...PrintedOutput(r.runs, r.provenance !== undefined), ...Provenance(r));
      } else if (r.lastError) {
        body.replaceChildren(errorBox(`Last platform error: ${r.lastError}`), PendingChecks(declared));
      }
      if (waiting.has(r.status)) timer = window.setTimeout(poll, 1500);
    } catch (e) {
      if (stopped) return;
      status.replaceChildren(errorBox((e as Error).message));
      timer = window.setTimeout(poll, 5000);
    }
  };
  void poll();
  return { element: panel, refresh: () => { window.clearTimeout(timer); return poll(); } };
}

const provenanceLabels: Record<string, string> = {
  files: 'Files (sha256)', assignment: 'Assignment', assignmentVersion: 'Assignment version',
  harnessVersion: 'Harness version', runtime: 'Runtime', device: 'Device', worker: 'Worker', attempt: 'Attempt',
  module: 'Module run', seeds: 'Seeds per check', verdict: 'Sandbox verdict', sandboxWallMs: 'Sandbox wall time (ms)',
  sandboxCpuMs: 'Sandbox CPU time (ms)', peakMemoryBytes: 'Peak memory (bytes)', sandboxRuns: 'Sandbox runs',
  receivedAt: 'Received',
  gradingMs: 'Grading time (ms)', receiptToScoreMs: 'Receipt to score (ms)',
};

function Provenance(r: Result): HTMLElement[] {
  if (r.provenance === undefined || r.provenance === null || typeof r.provenance !== 'object') return [];
  const rows = Object.entries(r.provenance as Record<string, unknown>).flatMap(([key, value]) => [
    h('dt', {}, provenanceLabels[key] ?? key),
    h('dd', { class: typeof value === 'object' ? 'hash' : '' }, typeof value === 'object' ? JSON.stringify(value) : String(value)),
  ]);
  return [h('details', { class: 'provenance' }, h('summary', {}, 'Provenance (staff only)'),
    h('dl', { class: 'facts' }, ...rows))];
}

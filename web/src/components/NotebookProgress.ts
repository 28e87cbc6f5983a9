import type { HandinProgress } from '../api';

/** A duration as people read it: 45 s, 3 min 20 s, 1 h 05 min. */
export function elapsedText(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Which cell of the notebook is running, in words: "cell 5 (a1-model)", "test cell t-sum". */
export function cellText(p: HandinProgress): string {
  if (p.phase === 'tests') return `test cell ${p.gradeId ?? ''}`.trim();
  if (p.phase === 'cells' && p.cell !== null) return `cell ${p.cell}${p.gradeId ? ` (${p.gradeId})` : ''}`;
  return 'starting';
}

/**
 * One sentence about a running notebook hand-in, or null when there is nothing to tell yet:
 * "Notebook PartA_2, cell 7 (a2-cv): 3 min 10 s in this notebook, step 7 of 19."
 */
export function progressSentence(p: HandinProgress): string | null {
  if (!p.running || !p.notebook) return null;
  const elapsed = p.notebookSeconds !== null ? `: ${elapsedText(p.notebookSeconds)} in this notebook` : '';
  const steps = p.step !== null && p.steps ? `, step ${p.step} of ${p.steps}` : '';
  return `Notebook ${p.notebook}, ${cellText(p)}${elapsed}${steps}.`;
}

import { api, ApiError, type CheckSummary } from '../api';
import { errorBox, h } from '../dom';
import type { OnLeave } from './Countdown';
import { ReceiptCard } from './ReceiptCard';
import { ResultPanel } from './ResultPanel';

/** One hand-in: its receipt, its live status and, once scored, its feedback. */
export async function SubmissionPage(id: string, onLeave: OnLeave): Promise<HTMLElement> {
  const page = h('section', { class: 'submission-page' });
  let receipt;
  try {
    receipt = await api.receipt(id);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      page.append(h('h1', {}, 'Hand-in not found'), errorBox(e.message),
        h('p', {}, 'You can only open your own hand-ins and your group\'s. ', h('a', { href: '#/' }, 'Back to your courses')));
      return page;
    }
    throw e;
  }
  let declared: CheckSummary[] = [];
  let title = receipt.assignmentId;
  try {
    const a = await api.assignment(receipt.assignmentId);
    declared = a.checks;
    title = a.title;
  } catch {
    // The receipt and result still show without the assignment's declared checks.
  }
  page.append(
    h('p', {}, h('a', { href: `#/assignments/${encodeURIComponent(receipt.assignmentId)}` }, `← ${title}`)),
    h('h1', {}, `Hand-in to ${title}`),
    ReceiptCard(receipt),
    ResultPanel(id, declared, onLeave));
  return page;
}

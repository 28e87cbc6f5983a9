import { api, ApiError, type Assignment } from '../api';
import { errorBox, h } from '../dom';
import { AuditTrail } from './AuditTrail';
import type { OnLeave } from './Countdown';
import { HandinFiles } from './HandinFiles';
import { ReceiptCard } from './ReceiptCard';
import { ResultPanel } from './ResultPanel';
import { StaffActions } from './StaffActions';

async function roleIn(courseId: string): Promise<string> {
  const courses = await api.courses().catch(() => []);
  return courses.find((c) => c.id === courseId)?.role ?? 'student';
}

/**
 * One hand-in: its receipt, its live status and, once scored, its feedback; its files. Staff also
 * get rubric grading, overrides, regrading and the hand-in's audit trail.
 */
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
  let a: Assignment | null = null;
  try {
    a = await api.assignment(receipt.assignmentId);
  } catch {
    // The receipt and result still show without the assignment's declared checks.
  }
  const title = a?.title ?? receipt.assignmentId;
  const role = a ? await roleIn(a.courseId) : 'student';
  const result = ResultPanel(id, a?.checks ?? [], onLeave);
  page.append(
    h('p', {}, h('a', { href: `#/assignments/${encodeURIComponent(receipt.assignmentId)}` }, `← ${title}`),
      role !== 'student' ? ' · ' : '', role !== 'student'
        ? h('a', { href: `#/staff/assignments/${encodeURIComponent(receipt.assignmentId)}` }, 'Dashboard') : ''),
    h('h1', {}, `Hand-in to ${title}`),
    ReceiptCard(receipt),
    result.element);
  if (role !== 'student') {
    const audit = AuditTrail(id);
    page.append(await StaffActions(id, role === 'instructor', async () => {
      await result.refresh();
      await audit.refresh();
    }), await HandinFiles(id), audit.element);
  } else {
    page.append(await HandinFiles(id));
  }
  return page;
}

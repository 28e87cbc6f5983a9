import { api } from '../api';
import { h } from '../dom';
import { EnrolForm } from './EnrolForm';
import { RosterImport } from './RosterImport';
import { RosterTable } from './RosterTable';

/**
 * A course's roster for its staff: everyone enrolled with search, section and role filters and
 * counts. Instructors also import class lists, enrol one person, change roles and drop people; a
 * TA limited to sections sees the staff and their own sections' students, read-only.
 */
export async function RosterPage(courseId: string): Promise<HTMLElement> {
  const course = (await api.courses()).find((c) => c.id === courseId);
  if (!course) throw new Error(`You are not in the course '${courseId}'.`);
  const canEdit = course.role === 'instructor';
  const box = h('div', { 'aria-live': 'polite', class: 'staff-message' });
  const table = RosterTable(courseId, canEdit, box);
  await table.reload();
  return h('section', { class: 'roster-page' },
    h('p', {}, h('a', { href: '#/' }, '← Courses')),
    h('h1', {}, `${course.title}: roster`),
    box,
    table.card,
    canEdit ? RosterImport(courseId, table.reload) : null,
    canEdit ? EnrolForm(courseId, box, table.reload) : null);
}

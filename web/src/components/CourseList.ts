import { api, type Assignment, type Course } from '../api';
import { errorBox, formatTime, h, viewerZone } from '../dom';
import { Countdown, type OnLeave } from './Countdown';

function AssignmentCard(a: Assignment, course: Course, onLeave: OnLeave): HTMLElement {
  const staff = course.role !== 'student';
  return h('li', { class: 'card assignment-card', 'data-assignment': a.id },
    h('h3', {}, h('a', { href: `#/assignments/${encodeURIComponent(a.id)}` }, a.title)),
    h('p', {}, `Due ${formatTime(a.effectiveDueAt, viewerZone())} · `, Countdown(a.effectiveDueAt, onLeave)),
    h('p', { class: a.open ? 'muted' : 'late' }, a.open ? a.ifHandedInNow : `Closed. ${a.ifHandedInNow}`),
    staff ? h('p', {}, h('a', { href: `#/staff/assignments/${encodeURIComponent(a.id)}` }, 'Dashboard: class overview and every hand-in'))
      : null);
}

/** The home page: each course the user belongs to, with its assignments. */
export async function CourseList(onLeave: OnLeave): Promise<HTMLElement> {
  const page = h('section', {}, h('h1', {}, 'Your courses'));
  const courses = await api.courses();
  if (courses.length === 0) page.append(h('p', {}, 'You are not enrolled in any course yet.'));
  for (const course of courses) {
    const list = h('ul', { class: 'assignment-list' });
    page.append(h('h2', {}, course.title, h('span', { class: 'muted' }, ` · ${course.role}`)));
    if (course.role !== 'student') {
      page.append(h('p', {}, h('a', { href: `#/staff/courses/${encodeURIComponent(course.id)}/roster` },
        'Roster: the class list, sections and roles')));
    }
    page.append(list);
    try {
      const assignments = await api.assignments(course.id);
      if (assignments.length === 0) list.append(h('li', { class: 'muted' }, 'No assignments yet.'));
      for (const a of assignments) list.append(AssignmentCard(a, course, onLeave));
    } catch (e) {
      list.append(h('li', {}, errorBox((e as Error).message)));
    }
  }
  return page;
}

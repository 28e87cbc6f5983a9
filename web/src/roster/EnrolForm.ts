import { api } from '../api';
import { h, messageOf, say } from '../dom';

/** Enrols one person; a new username gets an account without a password. */
export function EnrolForm(courseId: string, box: HTMLElement, onEnrolled: () => Promise<void>): HTMLElement {
  const field = (id: string, label: string, required = false) => {
    const input = h('input', { type: 'text', id: `enrol-${id}`, name: id, required, autocomplete: 'off' });
    return { input, nodes: [h('label', { for: `enrol-${id}` }, label), input] };
  };
  const username = field('username', 'Username', true);
  const name = field('name', 'Full name', true);
  const email = field('email', 'E-mail');
  const studentId = field('student-id', 'Student id');
  const section = field('section', 'Section');
  const role = h('select', { id: 'enrol-role', name: 'role' },
    ...['student', 'ta', 'instructor'].map((r) => h('option', { value: r }, r)));
  const form = h('form', { class: 'card enrol-form', 'aria-labelledby': 'enrol-title' },
    h('h2', { id: 'enrol-title' }, 'Enrol one person'),
    ...username.nodes, ...name.nodes, ...email.nodes, ...studentId.nodes, ...section.nodes,
    h('label', { for: 'enrol-role' }, 'Role'), role,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Enrol')));
  const optional = (input: HTMLInputElement) => input.value.trim() || undefined;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const m = await api.enrol(courseId, {
        username: username.input.value.trim(), name: name.input.value.trim(), email: optional(email.input),
        studentId: optional(studentId.input), section: optional(section.input), role: role.value,
      });
      say(box, `${m.name} (${m.username}) is enrolled as ${m.role}${m.section ? ` in section ${m.section}` : ''}.`, true);
      form.reset();
      await onEnrolled();
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  return form;
}

import { api, ApiError, type Assignment, type Group } from '../api';
import { h, messageOf, say } from '../dom';

function GroupView(a: Assignment, g: Group, box: HTMLElement, reload: () => Promise<void>): HTMLElement[] {
  const leave = h('button', { type: 'button', class: 'secondary' }, 'Leave the group');
  leave.addEventListener('click', async () => {
    if (!window.confirm(`Leave '${g.name}'? You can join another group afterwards.`)) return;
    try {
      await api.leaveGroup(a.id);
      await reload();
      say(box, `You left '${g.name}'.`, true);
    } catch (e) {
      say(box, messageOf(e), false);
    }
  });
  return [
    h('dl', { class: 'facts' },
      h('dt', {}, 'Group'), h('dd', { class: 'group-name' }, g.name),
      h('dt', {}, 'Invite code'), h('dd', {}, h('code', { class: 'invite-code', 'data-testid': 'invite-code' }, g.inviteCode),
        h('span', { class: 'muted' }, ' — give it to the others so they can join')),
      h('dt', {}, 'Members'), h('dd', {}, `${g.members.join(', ')} (${g.members.length} of at most ${a.maxGroupSize})`)),
    h('p', { class: 'muted' }, 'One member hands in for the whole group; the report must name every member.'),
    h('div', { class: 'actions' }, leave)];
}

function NoGroupForms(a: Assignment, box: HTMLElement, reload: () => Promise<void>): HTMLElement[] {
  const name = h('input', { type: 'text', id: 'group-name', name: 'name', maxlength: 80, required: true });
  const code = h('input', { type: 'text', id: 'group-code', name: 'inviteCode', autocomplete: 'off', required: true });
  const act = (form: HTMLFormElement, run: () => Promise<Group>) => form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const g = await run();
      await reload();
      say(box, `You are now in '${g.name}'.`, true);
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  const create = h('form', { class: 'group-create' },
    h('label', { for: 'group-name' }, 'Name of a new group'), name,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create group')));
  const join = h('form', { class: 'group-join' },
    h('label', { for: 'group-code' }, 'Invite code from a group member'), code,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Join group')));
  act(create, () => api.createGroup(a.id, name.value.trim()));
  act(join, () => api.joinGroup(a.id, code.value.trim()));
  return [h('p', {}, `This is group work (up to ${a.maxGroupSize} students). You are not in a group yet.`),
    h('div', { class: 'group-forms' }, create, join)];
}

/** A group assignment's group: create one, share its invite code, join one, leave it. */
export async function GroupPanel(a: Assignment): Promise<HTMLElement> {
  const box = h('div', { 'aria-live': 'polite' });
  const body = h('div', {});
  const reload = async () => {
    try {
      const g = await api.group(a.id);
      body.replaceChildren(...GroupView(a, g, box, reload));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      body.replaceChildren(...NoGroupForms(a, box, reload));
    }
  };
  try {
    await reload();
  } catch (e) {
    say(box, messageOf(e), false);
  }
  return h('section', { class: 'card group-panel', 'aria-labelledby': 'group-title' },
    h('h2', { id: 'group-title' }, 'Your group'), box, body);
}

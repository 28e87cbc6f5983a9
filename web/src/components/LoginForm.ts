import { api, type Me } from '../api';
import { errorBox, h, messageOf } from '../dom';

/** The sign-in form: username and password against the local accounts. */
export function LoginForm(onSignedIn: (me: Me) => void, intro?: string): HTMLElement {
  const username = h('input', { type: 'text', id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true,
  });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card login-form', 'aria-label': 'Sign in' },
    intro ? h('p', { class: 'notice' }, intro) : null,
    h('label', { for: 'login-username' }, 'Username'), username,
    h('label', { for: 'login-password' }, 'Password'), password,
    message,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.replaceChildren();
    submit.disabled = true;
    try {
      onSignedIn(await api.login(username.value.trim(), password.value));
    } catch (err) {
      message.replaceChildren(errorBox(messageOf(err)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * Asks for the password again in a dialog when the session expired mid-task, so that whatever the
 * user had filled in on the page stays where it is.
 */
export function SessionExpiredDialog(): Promise<void> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'session-expired-title' });
    dialog.append(h('h2', { id: 'session-expired-title' }, 'Your session has expired'),
      LoginForm(() => { dialog.close(); dialog.remove(); resolve(); },
        'Sign in again to carry on; what you filled in on this page is kept.'));
    dialog.addEventListener('cancel', (e) => e.preventDefault());
    document.body.append(dialog);
    dialog.showModal();
  });
}

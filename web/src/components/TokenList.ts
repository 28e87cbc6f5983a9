import { api, type ApiToken, type IssuedToken } from '../api';
import { formatTime, h, messageOf, say, viewerZone } from '../dom';

const statusWords: Record<ApiToken['status'], string> = { active: 'active', expired: 'expired', revoked: 'revoked' };

function when(iso: string | null, otherwise: string): string {
  return iso ? formatTime(iso, viewerZone()) : otherwise;
}

function TokenRow(t: ApiToken, onRevoke: (t: ApiToken) => void): HTMLElement {
  const revoke = t.status === 'active'
    ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${t.name}` }, 'Revoke')
    : null;
  revoke?.addEventListener('click', () => onRevoke(t));
  return h('tr', { 'data-token': t.id },
    h('td', {}, t.name), h('td', {}, h('code', {}, `${t.prefix}…`)),
    h('td', {}, when(t.createdAt, '')), h('td', {}, when(t.lastUsedAt, 'never')),
    h('td', {}, when(t.expiresAt, '')),
    h('td', {}, h('span', { class: `status token-${t.status}` }, statusWords[t.status])),
    h('td', {}, revoke));
}

function IssuedNotice(t: IssuedToken): HTMLElement {
  return h('div', { class: 'notice issued-token', role: 'status' },
    h('p', {}, `Your new token "${t.name}" — copy it now, it is shown only this once:`),
    h('p', {}, h('code', { 'data-testid': 'new-token' }, t.token)),
    h('p', {}, `It works until ${formatTime(t.expiresAt, viewerZone())}. Send it as the header Authorization: Bearer <token>.`));
}

/**
 * The caller's personal API tokens for scripts and the command-line tool: make one (its secret shown once,
 * with its expiry), see when each was last used and when it expires, and revoke one.
 */
export async function TokenList(): Promise<HTMLElement> {
  const box = h('div', { 'aria-live': 'polite' });
  const body = h('tbody', {});
  const name = h('input', { type: 'text', id: 'token-name', name: 'name', maxlength: 100, required: true });
  const form = h('form', { class: 'card token-form', 'aria-labelledby': 'token-form-title' },
    h('h2', { id: 'token-form-title' }, 'Make a token'),
    h('label', { for: 'token-name' }, 'Name (where you will use it, e.g. "laptop CLI")'), name,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Make token')));

  const refresh = async () => {
    const tokens = await api.tokens();
    body.replaceChildren(...(tokens.length ? tokens.map((t) => TokenRow(t, revoke))
      : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'You have no API tokens.'))]));
  };
  const revoke = async (t: ApiToken) => {
    try {
      await api.revokeToken(t.id);
      say(box, `Token "${t.name}" revoked: it no longer works.`, true);
      await refresh();
    } catch (e) {
      say(box, messageOf(e), false);
    }
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const issued = await api.issueToken(name.value.trim());
      box.replaceChildren(IssuedNotice(issued));
      form.reset();
      await refresh();
    } catch (err) {
      say(box, messageOf(err), false);
    }
  });
  await refresh();
  return h('section', {},
    h('h1', {}, 'API tokens'),
    h('p', { class: 'muted' }, 'A token lets a script or the command-line tool act as you until it expires. Revoke any you no longer use.'),
    form, box,
    h('div', { class: 'table-wrap' }, h('table', { class: 'token-list' },
      h('caption', { class: 'muted' }, 'Your tokens'),
      h('thead', {}, h('tr', {}, ...['Name', 'Starts with', 'Made', 'Last used', 'Expires', 'Status', '']
        .map((c) => h('th', { scope: 'col' }, c)))),
      body)));
}

import './style.css';
import { api, onSessionExpired, type Me } from './api';
import { AssignmentPage } from './components/AssignmentPage';
import { CourseList } from './components/CourseList';
import { LoginForm, SessionExpiredDialog } from './components/LoginForm';
import { SubmissionPage } from './components/SubmissionPage';
import { TokenList } from './components/TokenList';
import { errorBox, h, messageOf } from './dom';

const main = document.getElementById('main')!;
const account = document.getElementById('account')!;
let me: Me | null = null;
let leaving: Array<() => void> = [];
let routeCount = 0;
const onLeave = (stop: () => void) => { leaving.push(stop); };

function go(hash: string): void {
  if (location.hash === hash) void route(); else location.hash = hash;
}

function showAccount(): void {
  account.replaceChildren();
  if (!me) return;
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api.logout().catch(() => undefined);
    me = null;
    showAccount();
    go('#/login');
  });
  account.append(h('span', {}, `Signed in as ${me.displayName} (${me.username})`),
    h('a', { href: '#/tokens' }, 'API tokens'), signOut);
}

async function page(path: string): Promise<HTMLElement> {
  const [, first, second, third] = path.split('/');
  if (first === 'assignments' && second) return AssignmentPage(decodeURIComponent(second), onLeave, go);
  if (first === 'submissions' && second) return SubmissionPage(decodeURIComponent(second), onLeave);
  if (first === 'tokens') return TokenList();
  if (first === 'staff' && second === 'assignments' && third) {
    // Charts are for staff only: students never download the chart library.
    const { DashboardPage } = await import('./dashboard/DashboardPage');
    return DashboardPage(decodeURIComponent(third), onLeave);
  }
  if (first === 'staff' && second === 'courses' && third && path.split('/')[4] === 'roster') {
    const { RosterPage } = await import('./roster/RosterPage');
    return RosterPage(decodeURIComponent(third));
  }
  return CourseList(onLeave);
}

async function route(): Promise<void> {
  leaving.forEach((stop) => stop());
  leaving = [];
  // A slow page must not replace the one the user has moved on to meanwhile.
  const current = ++routeCount;
  const path = location.hash.replace(/^#/, '') || '/';
  if (!me || path === '/login') {
    const next = path === '/login' ? '#/' : location.hash || '#/';
    main.replaceChildren(h('h1', {}, 'Sign in to TensorMark'), LoginForm((signedIn) => {
      me = signedIn;
      showAccount();
      go(next);
    }));
    return;
  }
  main.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  try {
    const content = await page(path);
    if (current !== routeCount) return;
    main.replaceChildren(content);
  } catch (e) {
    if (current !== routeCount) return;
    main.replaceChildren(errorBox(messageOf(e)));
  }
  main.focus();
}

// The skip link must not change the hash: the hash is the app's route.
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

onSessionExpired(async () => {
  await SessionExpiredDialog();
});

async function start(): Promise<void> {
  try {
    me = await api.me();
  } catch {
    me = null;
  }
  showAccount();
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();

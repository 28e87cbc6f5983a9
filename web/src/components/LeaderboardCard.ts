import { api, type Assignment, type Leaderboard, type LeaderboardEntry } from '../api';
import { errorBox, formatTime, h, messageOf, say } from '../dom';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(3));

function Standings(board: Leaderboard): HTMLElement {
  if (board.standings.length === 0) return h('p', { class: 'muted' }, 'No entries yet.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'standings' },
    h('thead', {}, h('tr', {}, ...['Rank', 'Group', 'Entries', `Public ${board.metric}`,
      `Private ${board.metric}`].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...board.standings.map((s) => h('tr', { class: s.yours ? 'yours' : '', 'data-pseudonym': s.pseudonym },
      h('td', {}, String(s.rank)), h('td', {}, s.yours ? `${s.pseudonym} (your group)` : s.pseudonym),
      h('td', {}, String(s.entries)), h('td', {}, score(s.publicScore)), h('td', {}, score(s.privateScore)))))));
}

function entryOutcome(entry: LeaderboardEntry, metric: string): string {
  if (entry.state === 'running') return 'Running on the server…';
  if (entry.state === 'failed') return entry.message ?? 'Failed.';
  return `Public ${metric} ${score(entry.publicScore)}`
    + (entry.privateScore === null ? '' : `, private ${score(entry.privateScore)}`);
}

/** The caller's group's entries, newest first: when, which kind, and the score or why there is none. */
function YourEntries(board: Leaderboard, a: Assignment): HTMLElement | string {
  if (board.yourEntries.length === 0) return '';
  return h('div', { class: 'table-wrap' }, h('table', { class: 'your-entries' },
    h('caption', {}, 'Your group\'s entries'),
    h('thead', {}, h('tr', {}, ...['When', 'Kind', 'Result'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...board.yourEntries.map((e) => h('tr', { 'data-entry': String(e.id), 'data-state': e.state },
      h('td', {}, formatTime(e.submittedAt, a.timeZone)),
      h('td', {}, e.kind === 'predict' ? 'predict function' : 'predictions CSV'),
      h('td', {}, e.state === 'failed' ? h('pre', { class: 'entry-message' }, entryOutcome(e, board.metric))
        : entryOutcome(e, board.metric)))))));
}

/**
 * The assignment's leaderboard, when it has one: the data to download, the group's pseudonym,
 * a predictions upload (id,prediction) and/or a predict function (predict.py and an optional weights
 * file, run on the server; the card refreshes until its score or its error is in) within the daily
 * limit, the group's entries, and the standings (public scores before the due time, private ones
 * after it). Empty for an assignment without a leaderboard.
 */
export async function LeaderboardCard(a: Assignment): Promise<HTMLElement> {
  const card = h('section', { class: 'card leaderboard', 'aria-labelledby': 'board-title' });
  const box = h('div', { 'aria-live': 'polite' });
  const render = async () => {
    const board = await api.leaderboard(a.id);
    const pseudonym = h('input', { type: 'text', id: 'board-pseudonym', name: 'pseudonym', required: true,
      value: board.yourPseudonym ?? '' });
    const nameForm = h('form', { class: 'inline-form' },
      h('label', { for: 'board-pseudonym' }, 'Your group\'s pseudonym (no real names)'), pseudonym,
      h('button', { type: 'submit', class: 'secondary' }, 'Save pseudonym'));
    nameForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api.choosePseudonym(a.id, pseudonym.value.trim());
        await render();
        say(box, `Your group is '${pseudonym.value.trim()}' on the leaderboard.`, true);
      } catch (err) {
        say(box, messageOf(err), false);
      }
    });
    const file = h('input', { type: 'file', id: 'board-file', name: 'predictions', accept: '.csv,text/csv', required: true });
    const entryForm = h('form', { class: 'inline-form' },
      h('label', { for: 'board-file' }, 'Predictions (CSV: id,prediction)'), file,
      h('button', { type: 'submit' }, 'Enter predictions'));
    entryForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = file.files?.[0];
      if (!chosen) return;
      try {
        const entry = await api.enterLeaderboard(a.id, await chosen.text());
        await render();
        say(box, `Entry scored: public ${board.metric} ${score(entry.publicScore)}.`, true);
      } catch (err) {
        say(box, messageOf(err), false);
      }
    });
    const code = h('input', { type: 'file', id: 'board-code', name: 'code', accept: '.py,text/x-python', required: true });
    const weights = h('input', { type: 'file', id: 'board-weights', name: 'weights' });
    const predictForm = h('form', { class: 'inline-form' },
      h('label', { for: 'board-code' }, 'predict.py (defines predict(inputs))'), code,
      h('label', { for: 'board-weights' }, 'Weights file (optional)'), weights,
      h('button', { type: 'submit' }, 'Enter predict function'));
    predictForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = code.files?.[0];
      if (!chosen) return;
      try {
        await api.enterPredict(a.id, chosen, weights.files?.[0] ?? null);
        await render();
        say(box, 'Your predict function is queued; its score appears under your entries once it has run.', true);
      } catch (err) {
        say(box, messageOf(err), false);
      }
    });
    const canEnter = board.yourEntriesLeft !== null && !board.privateRevealed;
    const kinds = board.entryKinds ?? ['csv'];
    const left = board.yourEntriesLeft === null ? '' : board.privateRevealed
      ? 'The leaderboard closed at the due time.'
      : `${board.yourEntriesLeft} of ${board.entriesPerDay} entries left in the last 24 hours`
        + (board.yourEntriesLeft === 0 && board.yourNextEntryAt
          ? `; the next is allowed at ${formatTime(board.yourNextEntryAt, a.timeZone)}.` : '.');
    card.replaceChildren(h('h2', { id: 'board-title' }, 'Leaderboard'),
      h('p', { class: 'muted' }, `Scored by ${board.metric} on ${board.publicRows} public rows; the other `
        + `${board.privateRows} rows decide the final ranking and are ${board.privateRevealed ? 'shown below'
          : `revealed after the due time (${formatTime(board.dueAt, a.timeZone)})`}.`),
      h('p', {}, h('a', { href: api.leaderboardDataUrl(a.id, 'train.csv'), download: '' }, 'Training data (CSV)'), ' · ',
        h('a', { href: api.leaderboardDataUrl(a.id, 'inputs.csv'), download: '' }, 'Held-out inputs to predict (CSV)')),
      board.yourEntriesLeft === null ? h('p', { class: 'muted' }, 'Join a group to enter.') : nameForm,
      canEnter && kinds.includes('csv') ? entryForm : '',
      canEnter && kinds.includes('predict') ? predictForm : '',
      h('p', { class: 'muted', 'data-testid': 'entries-left' }, left),
      box, YourEntries(board, a), Standings(board));
    if (board.yourEntries.some((e) => e.state === 'running')) {
      setTimeout(() => { if (card.isConnected) render().catch(() => undefined); }, 3000);
    }
  };
  try {
    await render();
  } catch (e) {
    if ((e as { status?: number }).status === 404) return h('div', { hidden: true });
    card.replaceChildren(errorBox(messageOf(e)));
  }
  return card;
}

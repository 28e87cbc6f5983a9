// Every call to the TensorMark REST API goes through this module.

export interface Me {
  id: number;
  username: string;
  displayName: string;
  admin: boolean;
}

export interface Course {
  id: string;
  title: string;
  timeZone: string;
  role: string;
}

export interface FileSlot {
  role: string;
  types: string[];
  maxBytes: number;
  required: boolean;
}

export interface CheckSummary {
  id: string;
  kind: string;
  points: number;
  visibility: string;
}

export interface Assignment {
  id: string;
  version: number;
  courseId: string;
  title: string;
  groupWork: boolean;
  maxGroupSize: number;
  releaseAt: string;
  dueAt: string;
  effectiveDueAt: string;
  timeZone: string;
  lateRule: string;
  ifHandedInNow: string;
  open: boolean;
  files: FileSlot[];
  handinsPerDay: number;
  counts: string;
  checks: CheckSummary[];
}

export interface FileReceipt {
  role: string;
  filename: string;
  sha256: string;
  size: number;
}

export interface Receipt {
  submissionId: string;
  assignmentId: string;
  assignmentVersion: number;
  receivedAt: string;
  receivedAtCourseTime: string;
  files: FileReceipt[];
  lateness: string | null;
  replayed: boolean;
}

export interface SubmissionSummary {
  id: string;
  assignmentId: string;
  submitterId: number;
  submitterUsername: string;
  submitterName: string;
  teamId: number | null;
  receivedAt: string;
  status: string;
  chosen: boolean;
  finalPoints: number | null;
}

/** The caller's hand-in that counts, as the gradebook sees it (own or group's). */
export interface Counted {
  counting: 'last' | 'best' | 'chosen';
  submissionId: string | null;
  finalPoints: number | null;
  /** How the instructor scaled the caller's mark on group work ("80 × 1.10 = 88"), null when not scaled. */
  scaled: string | null;
}

export interface CheckResult {
  id: string;
  kind: string;
  visibility: string;
  status: string;
  points?: number;
  maxPoints: number;
  summary?: string;
  details?: unknown;
}

/**
 * One sandbox run of a hand-in: the checks of one visibility group (visible, after_due, hidden).
 * stdout and stderr keep their beginning and end, with a note where the middle was cut.
 */
export interface SandboxRun {
  group: string;
  verdict: string;
  verdictText: string;
  exitCode: number;
  signal: number;
  wallMs: number;
  cpuMs: number;
  peakMemoryBytes: number;
  stdout: string;
  stderr: string;
}

/**
 * Where a running hand-in is: which notebook, which cell, for how long. Display only: the job
 * reports it, so it can show a wrong cell of its own, never a score.
 */
export interface HandinProgress {
  submissionId: string;
  student: string | null;
  running: boolean;
  notebook: string | null;
  /** 'starting', 'cells' (the student's cells) or 'tests' (the test cells). */
  phase: string | null;
  step: number | null;
  steps: number | null;
  /** The cell's number in the notebook, for the student's cells. */
  cell: number | null;
  gradeId: string | null;
  notebookSeconds: number | null;
  jobSeconds: number | null;
}

export interface Result {
  submissionId: string;
  status: string;
  /** The result shown; a regrade makes a new one with a new id. */
  resultId?: number;
  queuePosition?: number;
  lastError?: string;
  rawPoints?: number;
  maxPoints?: number;
  latePenaltyPercent?: number;
  lateSentence?: string | null;
  finalPoints?: number;
  outcome?: string;
  scoredAt?: string;
  overrideReason?: string;
  provenance?: unknown;
  checks?: CheckResult[];
  runs?: SandboxRun[];
  /** Set when this score replaced an earlier one after the instructor changed the assignment. */
  rescore?: { at: string; sentence: string };
  /** What the grader skipped of the hand-in (Colab and Jupyter lines) and why, each once. */
  notices?: string[];
  /** While queued and no live worker can run it: waiting for the grading environment (not a failure). */
  waitingFor?: string;
}

/** A shadow regrade in a list: what a new assignment version would do to the scores. */
export interface RegradeSummary {
  id: number;
  fromVersion: number;
  toVersion: number;
  state: string;
  createdAt: string;
  handins: number;
  changedScores: number;
}

/** One hand-in's final points now and under the new version. */
export interface RegradeEntry {
  submissionId: string;
  student: string;
  oldPoints: number;
  newPoints: number;
  change: number;
}

/** A shadow regrade in full, as the instructor decides on it. */
export interface Regrade {
  id: number;
  assignmentId: string;
  fromVersion: number;
  toVersion: number;
  state: string;
  changes: string[];
  handins: number;
  changedScores: number;
  largestChange: number;
  meanChange: number;
  callsRerun: number;
  sandboxRuns: number;
  error?: string | null;
  entries: RegradeEntry[];
}

export interface ArchiveEntry {
  path: string;
  size: number;
}

/** A stored file of a hand-in; kind is python, notebook, pdf, zip, video or other. */
export interface StoredFile {
  role: string;
  filename: string;
  sha256: string;
  size: number;
  kind: string;
  entries: ArchiveEntry[] | null;
  /** When the file's bytes were removed (retention period over, or the student anonymised); null while kept. */
  purgedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  before: string | null;
  after: string | null;
}

export interface HistogramBin {
  fromPercent: number;
  toPercent: number;
  count: number;
}

export interface CheckPassRate {
  checkId: string;
  kind: string;
  visibility: string;
  passed: number;
  graded: number;
  meanScorePercent: number | null;
}

/** How a class is doing on one assignment. */
export interface Overview {
  assignmentId: string;
  students: number;
  handedIn: number;
  notYet: number;
  late: number;
  awaitingScore: number;
  histogram: HistogramBin[];
  checks: CheckPassRate[];
  handInsPerHour: Array<{ hour: string; count: number }>;
  queue: {
    queued: number;
    running: number;
    oldestWaitSeconds: number;
    /** Median milliseconds of each grading phase over the last hour, in the order a job goes through them. */
    phaseMediansMs: Record<string, number>;
    /** How many results of the last hour those medians are taken over. */
    timedResults: number;
    /** This assignment's queued jobs that no live worker can run, one entry per reason. */
    waiting?: ImageWait[];
    /** The live workers and what they hold. */
    workers?: WorkerAdvert[];
  };
  dueAt: string;
}

/** Why queued jobs wait: no live worker holds their grading image (or has the GPU they ask for). */
export interface ImageWait {
  image: string;
  /** The image's digest on the server; absent when the server does not have it either. */
  digest?: string | null;
  device: string;
  jobs: number;
  /** "waiting: no worker holds image other (sha256:…)" */
  reason: string;
}

/** A live worker: the grading images its host holds and its devices. */
export interface WorkerAdvert {
  workerId: string;
  images: Array<{ name: string; digest: string }>;
  devices: string[];
  slots: number;
  seenAt: string;
}

export interface GradebookRow {
  userId: number;
  username: string;
  displayName: string;
  finalPoints: Record<string, number | null>;
  handIns: Record<string, string>;
  late: string[];
  failedACheck: string[];
  notHandedIn: string[];
  /** Assignment id → how the instructor scaled this student's mark ("80 × 1.10 = 88"), only where scaled. */
  scaled: Record<string, string>;
}

/** Staff's view of one group's peer assessment: each member's mean rating and scale, and every rating. */
export interface GroupRatings {
  teamId: number;
  name: string;
  members: Array<{ username: string; name: string; meanReceived: number | null; scale: number | null;
    scaleReason: string | null }>;
  ratings: Array<{ rater: string; ratee: string; score: number; comment: string | null }>;
}

/**
 * One leaderboard entry of the caller's group: a predictions CSV or a predict function, scored, still
 * running in the sandbox, or failed with the reason in message; the private score stays null until
 * the due time.
 */
export interface LeaderboardEntry {
  id: number;
  kind: 'csv' | 'predict';
  state: 'scored' | 'running' | 'failed';
  submittedAt: string;
  publicScore: number | null;
  privateScore: number | null;
  message: string | null;
}

/** An assignment's leaderboard: pseudonyms only, the private part revealed after the due time. */
export interface Leaderboard {
  assignmentId: string;
  metric: string;
  publicRows: number;
  privateRows: number;
  dueAt: string;
  privateRevealed: boolean;
  entriesPerDay: number;
  /** What a group may hand in: 'csv' (predictions) and/or 'predict' (a Python file run on the server). */
  entryKinds: Array<'csv' | 'predict'>;
  standings: Array<{ rank: number; pseudonym: string; entries: number; publicScore: number;
    privateScore: number | null; bestAt: string; yours: boolean }>;
  yourPseudonym: string | null;
  yourEntries: LeaderboardEntry[];
  yourEntriesLeft: number | null;
  yourNextEntryAt: string | null;
}

export type GradebookFilter = '' | 'late' | 'failed' | 'missing';

export interface Group {
  id: number;
  assignmentId: string;
  name: string;
  inviteCode: string;
  members: string[];
}

/** A personal API token as listed: never its secret. */
export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** A token just made: the only time its secret is shown. */
export interface IssuedToken {
  id: number;
  name: string;
  prefix: string;
  token: string;
  createdAt: string;
  expiresAt: string;
}

/** One person on a course's roster. */
export interface Member {
  userId: number;
  username: string;
  name: string;
  email: string | null;
  studentId: string | null;
  section: string | null;
  role: string;
  dropped: boolean;
  hasPassword: boolean;
  taSections: string[];
}

/** The roster as filtered: counts per role (and dropped) over the people shown, the course's sections. */
export interface RosterView {
  courseId: string;
  sections: string[];
  counts: Record<string, number>;
  members: Member[];
}

export interface Enrolment {
  username: string;
  name: string;
  email?: string;
  studentId?: string;
  section?: string;
  role?: string;
}

export interface RosterChange {
  line: number;
  username: string;
  action: string;
  before: Record<string, string> | null;
  after: Record<string, string> | null;
}

/** What a roster import did, or in a dry run would do. */
export interface ImportReport {
  format: string;
  applied: boolean;
  created: number;
  enrolled: number;
  updated: number;
  dropped: number;
  unchanged: number;
  changes: RosterChange[];
  errors: Array<{ line: number; message: string }>;
}

/** An answer from the API that was not a success, carrying the sentence the API sent. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type LoginPrompt = () => Promise<void>;
let promptLogin: LoginPrompt | null = null;
// The prompt on screen, if any: requests refused meanwhile wait for the same sign-in.
let prompting: Promise<void> | null = null;
// Bumped at every sign-in and sign-out, so that a refused request knows whether it was sent under
// the session there is now; signedIn is false after a sign-out until the next sign-in.
let session = 0;
let signedIn = false;

/** Called when a session has expired mid-task: shows a login prompt and resolves once signed in again. */
export function onSessionExpired(prompt: LoginPrompt): void {
  promptLogin = prompt;
}

/**
 * Whether a request refused with 401 is sent again: never after a sign-out (a page's late request
 * must not ask a signed-out user to sign in), at once when someone signed in since it was sent, and
 * otherwise after the user signed in again at the one prompt that all such requests share.
 */
async function signInAgain(sentIn: number, prompt: LoginPrompt): Promise<boolean> {
  if (!signedIn) return false;
  if (sentIn !== session) return true;
  prompting ??= prompt().finally(() => { prompting = null; });
  await prompting;
  return true;
}

async function errorFrom(status: number, text: string): Promise<ApiError> {
  try {
    const body = JSON.parse(text) as { message?: string };
    if (body.message) return new ApiError(status, body.message);
  } catch {
    // not JSON: fall through to a generic sentence
  }
  return new ApiError(status, `The server answered ${status}${text ? `: ${text.slice(0, 200)}` : '.'}`);
}

/** A request body sent as it is (a CSV file) rather than as JSON. */
class RawBody {
  constructor(readonly text: string, readonly type: string) {}
}

async function send(method: string, path: string, body: unknown, mayPrompt: boolean, accept = 'application/json',
    okStatuses: number[] = []): Promise<string> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: accept } };
  if (body instanceof RawBody) {
    init.body = body.text;
    (init.headers as Record<string, string>)['Content-Type'] = body.type;
  } else if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const sentIn = session;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 401 && mayPrompt && promptLogin && !path.startsWith('/api/auth/')
      && await signInAgain(sentIn, promptLogin)) {
    return send(method, path, body, false, accept, okStatuses);
  }
  const text = await response.text();
  if (!response.ok && !okStatuses.includes(response.status)) throw await errorFrom(response.status, text);
  return text;
}

async function call<T>(method: string, path: string, body?: unknown, mayPrompt = true): Promise<T> {
  const text = await send(method, path, body, mayPrompt);
  return (text ? JSON.parse(text) : undefined) as T;
}

const roster = (courseId: string) => `/api/courses/${encodeURIComponent(courseId)}/roster`;
const sub = (id: string) => `/api/submissions/${encodeURIComponent(id)}`;
const asg = (id: string) => `/api/assignments/${encodeURIComponent(id)}`;

/** Where a notebook assignment's release zip (student notebooks, data, helper modules) is downloaded. */
export const releaseZipUrl = (assignmentId: string) => `${asg(assignmentId)}/release.zip`;

export const api = {
  login: async (username: string, password: string) => {
    const me = await call<Me>('POST', '/api/auth/login', { username, password });
    session++;
    signedIn = true;
    return me;
  },
  // Signed out before the server answers: a request refused meanwhile does not ask to sign in.
  logout: () => {
    session++;
    signedIn = false;
    return call<void>('POST', '/api/auth/logout');
  },
  // Asked at start-up to learn whether a session exists: no login prompt when it does not.
  me: async () => {
    const me = await call<Me>('GET', '/api/me', undefined, false);
    signedIn = true;
    return me;
  },
  courses: () => call<Course[]>('GET', '/api/courses'),
  tokens: () => call<ApiToken[]>('GET', '/api/me/tokens'),
  issueToken: (name: string) => call<IssuedToken>('POST', '/api/me/tokens', { name }),
  revokeToken: (id: number) => call<void>('DELETE', `/api/me/tokens/${id}`),
  assignments: (courseId: string) =>
    call<Assignment[]>('GET', `/api/courses/${encodeURIComponent(courseId)}/assignments`),
  assignment: (id: string) => call<Assignment>('GET', `/api/assignments/${encodeURIComponent(id)}`),
  mySubmissions: (assignmentId: string) =>
    call<SubmissionSummary[]>('GET', `/api/submissions?assignment=${encodeURIComponent(assignmentId)}`),
  receipt: (id: string) => call<Receipt>('GET', `/api/submissions/${encodeURIComponent(id)}`),
  result: (id: string) => call<Result>('GET', `/api/submissions/${encodeURIComponent(id)}/result`),
  progress: (id: string) => call<HandinProgress>('GET', `${sub(id)}/progress`),
  runningHandins: (assignmentId: string) => call<HandinProgress[]>('GET', `${asg(assignmentId)}/progress`),
  counted: (assignmentId: string) =>
    call<Counted>('GET', `/api/assignments/${encodeURIComponent(assignmentId)}/counted`),
  choose: (id: string) => call<void>('POST', `/api/submissions/${encodeURIComponent(id)}/choose`),
  assignmentSubmissions: (assignmentId: string) =>
    call<SubmissionSummary[]>('GET', `/api/assignments/${encodeURIComponent(assignmentId)}/submissions`),
  regrade: (id: string) => call<{ jobId: number }>('POST', `/api/submissions/${encodeURIComponent(id)}/regrade`),
  releaseHidden: (assignmentId: string) =>
    call<unknown>('POST', `/api/assignments/${encodeURIComponent(assignmentId)}/release-hidden`),
  grantExtension: (assignmentId: string, username: string, dueAt: string, reason: string) =>
    call<unknown>('POST', `/api/assignments/${encodeURIComponent(assignmentId)}/extensions`,
      { username, dueAt, reason }),
  peerRatings: (assignmentId: string) => call<GroupRatings[]>('GET', `${asg(assignmentId)}/peer-ratings`),
  scaleMark: (assignmentId: string, username: string, factor: number, reason: string) =>
    call<void>('PUT', `${asg(assignmentId)}/mark-scales/${encodeURIComponent(username)}`, { factor, reason }),
  leaderboard: (assignmentId: string) => call<Leaderboard>('GET', `${asg(assignmentId)}/leaderboard`),
  leaderboardDataUrl: (assignmentId: string, file: 'train.csv' | 'inputs.csv') => `${asg(assignmentId)}/leaderboard/${file}`,
  choosePseudonym: (assignmentId: string, pseudonym: string) =>
    call<{ pseudonym: string }>('PUT', `${asg(assignmentId)}/leaderboard/pseudonym`, { pseudonym }),
  enterLeaderboard: async (assignmentId: string, csv: string) => JSON.parse(await send('POST',
    `${asg(assignmentId)}/leaderboard/entries`, new RawBody(csv, 'text/csv'), true)) as LeaderboardEntry,
  enterPredict: async (assignmentId: string, code: File, weights: File | null) => {
    const form = new FormData();
    form.append('code', code, code.name);
    if (weights) form.append('weights', weights, weights.name);
    return JSON.parse(await send('POST', `${asg(assignmentId)}/leaderboard/predict`, form, true)) as LeaderboardEntry;
  },
  regradeAll: (assignmentId: string) => call<{ queued: number }>('POST', `${asg(assignmentId)}/regrade`),
  regrades: (assignmentId: string) => call<RegradeSummary[]>('GET', `${asg(assignmentId)}/regrades`),
  shadowRegrade: (assignmentId: string, id: number) => call<Regrade>('GET', `${asg(assignmentId)}/regrades/${id}`),
  publishRegrade: (assignmentId: string, id: number) =>
    call<{ rescored: number }>('POST', `${asg(assignmentId)}/regrades/${id}/publish`),
  discardRegrade: (assignmentId: string, id: number) =>
    call<void>('POST', `${asg(assignmentId)}/regrades/${id}/discard`),
  override: (id: string, points: number | null, reason: string) =>
    call<void>('POST', `${sub(id)}/override`, { points, reason }),
  gradeManual: (id: string, checkId: string, points: number, comment: string) =>
    call<void>('POST', `${sub(id)}/manual`, { checkId, points, comment: comment || null }),
  files: (id: string) => call<StoredFile[]>('GET', `${sub(id)}/files`),
  fileUrl: (id: string, role: string) => `${sub(id)}/files/${encodeURIComponent(role)}`,
  fileText: (id: string, role: string) => send('GET', `${sub(id)}/files/${encodeURIComponent(role)}`, undefined, true, '*/*'),
  entryText: (id: string, role: string, path: string) =>
    send('GET', `${sub(id)}/files/${encodeURIComponent(role)}/entry?path=${encodeURIComponent(path)}`, undefined, true,
      '*/*'),
  audit: (id: string) => call<AuditEntry[]>('GET', `${sub(id)}/audit`),
  overview: (assignmentId: string) => call<Overview>('GET', `${asg(assignmentId)}/overview`),
  gradebook: (courseId: string, search: string, filter: GradebookFilter, assignmentId: string, section = '') =>
    call<GradebookRow[]>('GET', `/api/courses/${encodeURIComponent(courseId)}/gradebook?search=${encodeURIComponent(search)}`
      + `&filter=${filter}&assignment=${encodeURIComponent(assignmentId)}&section=${encodeURIComponent(section)}`),
  roster: (courseId: string, search: string, section: string, role: string) =>
    call<RosterView>('GET', `${roster(courseId)}?search=${encodeURIComponent(search)}&section=${encodeURIComponent(section)}`
      + `&role=${encodeURIComponent(role)}`),
  // A file with bad rows is answered 422 with the same report: the page shows its errors.
  importRoster: async (courseId: string, csv: string, dryRun: boolean, dropMissing: boolean) =>
    JSON.parse(await send('POST', `${roster(courseId)}/import?dryRun=${dryRun}&dropMissing=${dropMissing}`,
      new RawBody(csv, 'text/csv'), true, 'application/json', [422])) as ImportReport,
  enrol: (courseId: string, member: Enrolment) => call<Member>('POST', roster(courseId), member),
  changeMember: (courseId: string, username: string, change: { role?: string; section?: string }) =>
    call<Member>('PUT', `${roster(courseId)}/${encodeURIComponent(username)}`, change),
  dropMember: (courseId: string, username: string) =>
    call<void>('DELETE', `${roster(courseId)}/${encodeURIComponent(username)}`),
  gradebookCsvUrl: (courseId: string) => `/api/courses/${encodeURIComponent(courseId)}/gradebook.csv`,
  group: (assignmentId: string) => call<Group>('GET', `${asg(assignmentId)}/group`),
  createGroup: (assignmentId: string, name: string) => call<Group>('POST', `${asg(assignmentId)}/group`, { name }),
  joinGroup: (assignmentId: string, inviteCode: string) =>
    call<Group>('POST', `${asg(assignmentId)}/group/join`, { inviteCode }),
  leaveGroup: (assignmentId: string) => call<void>('POST', `${asg(assignmentId)}/group/leave`),
};

/**
 * Uploads a hand-in as multipart/form-data with one part per file slot. Uses XMLHttpRequest because
 * fetch cannot report upload progress. The same idempotency key on a retry gives back the same receipt.
 */
export function handIn(assignmentId: string, files: Map<string, File>, idempotencyKey: string,
    onProgress: (fraction: number) => void): Promise<Receipt> {
  const form = new FormData();
  for (const [role, file] of files) form.append(role, file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/assignments/${encodeURIComponent(assignmentId)}/submissions`);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'The upload was interrupted. Your files are still selected: try again.'));
    xhr.onload = async () => {
      if (xhr.status === 401 && promptLogin) {
        try {
          await promptLogin();
          resolve(await handIn(assignmentId, files, idempotencyKey, onProgress));
        } catch (e) {
          reject(e);
        }
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as Receipt);
      } else {
        reject(await errorFrom(xhr.status, xhr.responseText));
      }
    };
    xhr.send(form);
  });
}

-- The nouns every feature shares. Features add their own tables in later migrations:
-- V2xx course, V3xx submission, V4xx grading.

create table app_user (
    id            bigserial primary key,
    username      text not null unique,
    display_name  text not null,
    email         text,
    password_hash text,                       -- bcrypt; null for single-sign-on-only accounts
    admin         boolean not null default false,
    created_at    timestamptz not null default now()
);

create table course (
    id          text primary key,
    title       text not null,
    time_zone   text not null default 'Asia/Singapore',
    late_tokens integer not null default 0,   -- late-day tokens each student may spend in this course
    synced_at   timestamptz not null default now()
);

create table enrolment (
    course_id text not null references course (id),
    user_id   bigint not null references app_user (id),
    role      text not null check (role in ('student', 'ta', 'instructor')),
    primary key (course_id, user_id)
);
create index enrolment_user on enrolment (user_id);

create table api_token (
    id           bigserial primary key,
    user_id      bigint not null references app_user (id),
    name         text not null,
    token_hash   text not null unique,        -- sha256 of the secret, hex; the secret is shown once
    prefix       text not null,               -- first characters, so a user can tell tokens apart
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create table assignment (
    id              text primary key,         -- stable id from assignment.yaml
    course_id       text not null references course (id),
    current_version integer not null
);

create table assignment_version (
    assignment_id  text not null references assignment (id),
    version        integer not null,
    content_sha256 text not null,             -- of the assignment folder's declaration; a change makes a new version
    title          text not null,
    group_work     boolean not null,
    max_group_size integer not null,
    release_at     timestamptz not null,
    due_at         timestamptz not null,
    spec           jsonb not null,            -- the whole parsed assignment.yaml
    created_at     timestamptz not null default now(),
    primary key (assignment_id, version)
);

create table team (
    id            bigserial primary key,
    assignment_id text not null references assignment (id),
    name          text not null,
    invite_code   text not null unique,
    created_by    bigint not null references app_user (id),
    created_at    timestamptz not null default now()
);

create table team_member (
    team_id       bigint not null references team (id),
    assignment_id text not null references assignment (id),
    user_id       bigint not null references app_user (id),
    joined_at     timestamptz not null default now(),
    primary key (team_id, user_id),
    unique (assignment_id, user_id)          -- one group per student per assignment
);

create table extension (
    id            bigserial primary key,
    assignment_id text not null references assignment (id),
    user_id       bigint references app_user (id),
    team_id       bigint references team (id),
    due_at        timestamptz not null,
    reason        text not null,
    granted_by    bigint not null references app_user (id),
    created_at    timestamptz not null default now(),
    check ((user_id is null) <> (team_id is null))
);
create index extension_lookup on extension (assignment_id, user_id, team_id);

create table blob (
    sha256     text primary key,
    size       bigint not null,
    created_at timestamptz not null default now()
);

create table submission (
    id                 uuid primary key,
    assignment_id      text not null,
    assignment_version integer not null,
    submitter_id       bigint not null references app_user (id),
    team_id            bigint references team (id),
    received_at        timestamptz not null,  -- server clock, UTC; decides lateness
    idempotency_key    text,
    chosen             boolean not null default false, -- the student's pick where the assignment lets them choose
    foreign key (assignment_id, assignment_version) references assignment_version (assignment_id, version),
    unique (submitter_id, idempotency_key)
);
create index submission_owner on submission (assignment_id, submitter_id);
create index submission_team on submission (team_id);

create table submission_file (
    submission_id uuid not null references submission (id),
    role          text not null check (role in ('code', 'report', 'extra')),
    filename      text not null,
    sha256        text not null references blob (sha256),
    size          bigint not null,
    primary key (submission_id, role)
);

create table grading_job (
    id               bigserial primary key,
    submission_id    uuid not null references submission (id),
    purpose          text not null check (purpose in ('handin', 'regrade')),
    priority         integer not null,        -- higher runs first: hand-ins outrank bulk regrades
    state            text not null check (state in ('queued', 'running', 'done', 'failed', 'cancelled')),
    attempts         integer not null default 0,
    max_attempts     integer not null default 3,
    not_before       timestamptz not null default now(),
    lease_owner      text,
    lease_expires_at timestamptz,
    enqueued_at      timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    last_error       text
);
create index grading_job_queued on grading_job (priority desc, not_before) where state = 'queued';
create index grading_job_submission on grading_job (submission_id);

create table audit_log (
    id           bigserial primary key,
    at           timestamptz not null default now(),
    actor_id     bigint references app_user (id),
    action       text not null,
    entity_type  text not null,
    entity_id    text not null,
    before_state jsonb,
    after_state  jsonb
);
create index audit_log_entity on audit_log (entity_type, entity_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();

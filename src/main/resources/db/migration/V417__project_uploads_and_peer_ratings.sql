-- Branch i15-project. Resumable uploads of large hand-in files (the project's video): a row per
-- upload in progress, its bytes in a file under tensormark.uploads.dir until the hand-in takes it;
-- peer assessment of group members and the instructor's audited scaling of individual marks.
create table partial_upload (
    id            uuid primary key,
    user_id       bigint not null references app_user (id),
    assignment_id text not null,
    role          text not null,
    filename      text not null,
    size          bigint not null check (size > 0),
    sha256        text not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    completed_at  timestamptz
);
create index partial_upload_user on partial_upload (user_id);
create index partial_upload_expiry on partial_upload (expires_at);

create table peer_rating (
    team_id    bigint not null references team (id),
    rater_id   bigint not null references app_user (id),
    ratee_id   bigint not null references app_user (id),
    score      integer not null check (score between 0 and 5),
    comment    text,
    rated_at   timestamptz not null default now(),
    primary key (team_id, rater_id, ratee_id)
);

create table mark_scale (
    assignment_id text not null,
    user_id       bigint not null references app_user (id),
    factor        numeric(4, 3) not null check (factor >= 0 and factor <= 1.5),
    reason        text not null,
    set_by        bigint not null references app_user (id),
    set_at        timestamptz not null default now(),
    primary key (assignment_id, user_id)
);

-- Branch i15-board. The optional leaderboard of an assignment: the pseudonym each group chose
-- (unique per assignment whatever the case) and every predictions entry with its scores on the
-- public and the private part of the held-out set (the labels themselves are never stored here).
create table leaderboard_pseudonym (
    assignment_id text not null,
    team_id       bigint not null references team (id),
    pseudonym     text not null,
    set_by        bigint not null references app_user (id),
    set_at        timestamptz not null default now(),
    primary key (assignment_id, team_id)
);
create unique index leaderboard_pseudonym_unique on leaderboard_pseudonym (assignment_id, lower(pseudonym));

create table leaderboard_entry (
    id            bigserial primary key,
    assignment_id text not null,
    team_id       bigint not null references team (id),
    submitted_by  bigint not null references app_user (id),
    submitted_at  timestamptz not null default now(),
    sha256        text not null,
    public_score  double precision not null,
    private_score double precision not null
);
create index leaderboard_entry_team on leaderboard_entry (assignment_id, team_id, submitted_at);

-- Branch i13-roster. Course rosters: an enrolment has a section and may be dropped (the student
-- keeps their hand-ins and grades, loses access to the course); an account may carry the
-- university's student id (rosters match on it); a TA may be limited to some sections of a course;
-- accounts a roster created have no password until their owner sets one through a one-time link.
alter table enrolment add column section text;
alter table enrolment add column dropped_at timestamptz;

alter table app_user add column student_id text;
create unique index app_user_student_id on app_user (student_id) where student_id is not null;

create table ta_section (
    course_id text not null references course (id),
    user_id   bigint not null references app_user (id),
    section   text not null,
    primary key (course_id, user_id, section)
);

create table password_link (
    id         bigserial primary key,
    user_id    bigint not null references app_user (id),
    token_hash text not null unique,           -- sha256 of the secret, hex; the secret is in the link only
    created_by bigint references app_user (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index password_link_user on password_link (user_id);

-- Late-day tokens a student spent on an assignment. The balance is course.late_tokens minus the
-- sum of units here; rows are only ever added (LateTokens serialises spending per student).
create table late_token_use (
    id            bigserial primary key,
    course_id     text not null references course (id),
    assignment_id text not null references assignment (id),
    user_id       bigint not null references app_user (id),
    units         integer not null check (units > 0),
    spent_by      bigint not null references app_user (id),
    created_at    timestamptz not null default now()
);
create index late_token_use_student on late_token_use (course_id, user_id);
create index late_token_use_assignment on late_token_use (assignment_id, user_id);

-- What grading produced. A job is scored exactly once: one result row per job, enforced here.
create table grading_result (
    id                   bigserial primary key,
    job_id               bigint not null unique references grading_job (id),
    submission_id        uuid not null references submission (id),
    assignment_version   integer not null,
    outcome              text not null check (outcome in ('scored', 'student_error')),
    raw_points           double precision not null,
    max_points           double precision not null,
    late_penalty_percent double precision not null,
    late_sentence        text not null,
    final_points         double precision not null,
    provenance           jsonb not null,
    created_at           timestamptz not null default now()
);
create index grading_result_submission on grading_result (submission_id);

create table check_result (
    result_id  bigint not null references grading_result (id),
    check_id   text not null,
    kind       text not null,
    visibility text not null,
    points     double precision not null,
    max_points double precision not null,
    status     text not null check (status in ('passed', 'partial', 'failed', 'error', 'pending')),
    summary    text not null,
    details    jsonb not null,
    primary key (result_id, check_id)
);

-- Every sandbox run of a grading job, kept with the job's result: a run is a fact, a score an
-- opinion about it. Checks of different visibilities run apart (a hidden check's inputs never
-- share a sandbox with visible calls), so a job has at most one run per visibility group. Runs
-- belong to the job, not to a result, so that a later rescore of the same runs can point at them.
-- stdout and stderr are the hand-in's own text, kept as head and tail with the middle cut.
create table sandbox_run (
    id                bigserial primary key,
    job_id            bigint not null references grading_job (id),
    run_group         text not null check (run_group in ('visible', 'after_due', 'hidden')),
    verdict           text not null,
    verdict_text      text not null,
    exit_code         integer not null,
    signal            integer not null,
    wall_ms           bigint not null,
    cpu_ms            bigint not null,
    peak_memory_bytes bigint not null,
    stdout            text not null,
    stderr            text not null,
    created_at        timestamptz not null default now(),
    unique (job_id, run_group)
);

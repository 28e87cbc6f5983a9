-- i18-progress: what a running notebook job is doing (which notebook, which cell), for display.
-- Written by the worker from the harness's progress lines, which the job itself could forge:
-- nothing reads this table to score. part_started_at is the worker's clock, not the job's.
create table job_progress (
    job_id          bigint primary key references grading_job (id) on delete cascade,
    attempt         integer not null,
    part            text not null,
    phase           text not null check (phase in ('starting', 'cells', 'tests')),
    step            integer not null,
    steps           integer not null,
    cell            integer,
    grade_id        text,
    part_started_at timestamptz not null,
    updated_at      timestamptz not null
);

-- i18-progress: the nbgrader source notebooks of each assignment version, content-addressed, so an
-- old version's release and grading are reproduced after the assignment folder changed.
create table notebook_blob (
    sha256  text primary key,
    content bytea not null
);
create table assignment_version_notebook (
    assignment_id text not null,
    version       integer not null,
    check_id      text not null,
    file          text not null,
    position      integer not null,
    sha256        text not null references notebook_blob (sha256),
    primary key (assignment_id, version, check_id, file),
    foreign key (assignment_id, version) references assignment_version (assignment_id, version) on delete cascade
);

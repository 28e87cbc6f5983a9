-- Branch i12-runs. A run is kept: what the sandbox produced lives in the blob store, named here.
-- plan_sha256 is the blob of the plan.json it ran; call_hashes gives per call the sha256 of its
-- plan entry and inputs (a call whose hash is unchanged in a later version reuses its outputs);
-- outputs maps each file of out/ (<call>.npz, results.json) to its blob. A partial rerun after a
-- plan change is a run of its own (no job) that reused the outputs of reused_from.
alter table sandbox_run add column plan_sha256 text;
alter table sandbox_run add column call_hashes jsonb not null default '{}'::jsonb;
alter table sandbox_run add column outputs jsonb not null default '{}'::jsonb;
alter table sandbox_run add column stdout_sha256 text;
alter table sandbox_run add column stderr_sha256 text;
alter table sandbox_run add column reused_from bigint references sandbox_run (id);
alter table sandbox_run alter column job_id drop not null;

-- A result scores stored runs against an assignment version. A rescore (no job) is a new result
-- that names the result it replaced and the shadow regrade that made it.
alter table grading_result alter column job_id drop not null;
alter table grading_result add column run_ids bigint[] not null default '{}';
alter table grading_result add column rescore_of bigint references grading_result (id);
alter table grading_result add column rescore_reason text;

-- Reference figures (a tensor check's reference outputs as .npz, a train check's accuracy),
-- computed once per assignment version, check and item, and kept across restarts.
create table reference_value (
    assignment_id text not null,
    version       integer not null,
    check_id      text not null,
    item          text not null,
    spec_sha256   text not null,
    arrays        bytea,
    accuracy      double precision,
    computed_at   timestamptz not null default now(),
    primary key (assignment_id, version, check_id, item, spec_sha256)
);

-- A shadow regrade: what a new assignment version would make of every scored hand-in, shown to the
-- instructor before anything a student sees changes; published or discarded, never both.
create table shadow_regrade (
    id            bigserial primary key,
    assignment_id text not null references assignment (id),
    from_version  integer not null,
    to_version    integer not null,
    state         text not null check (state in ('computing', 'ready', 'published', 'discarded', 'failed')),
    changes       jsonb not null,
    calls_rerun   integer not null default 0,
    sandbox_runs  integer not null default 0,
    error         text,
    created_at    timestamptz not null default now(),
    decided_at    timestamptz,
    decided_by    bigint references app_user (id)
);
create index shadow_regrade_assignment on shadow_regrade (assignment_id);

create table shadow_regrade_entry (
    regrade_id     bigint not null references shadow_regrade (id),
    submission_id  uuid not null references submission (id),
    old_result_id  bigint not null references grading_result (id),
    old_points     double precision not null,
    new_points     double precision not null,
    outcome        text not null,
    score          jsonb not null,
    run_ids        bigint[] not null,
    primary key (regrade_id, submission_id)
);

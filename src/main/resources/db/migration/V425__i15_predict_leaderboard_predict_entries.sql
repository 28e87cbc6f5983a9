-- Branch i15-predict. A leaderboard entry may be a `predict` function instead of a predictions CSV:
-- the server keeps the group's code (and optional weights) in leaderboard_predict, where every
-- worker reads it from the database, queues a grading job of purpose 'predict' for the entry, and
-- the worker runs it in the sandbox on the held-out inputs only. Until the run is scored the entry
-- has no scores; a run the group's code broke keeps its message.
alter table leaderboard_entry add column kind text not null default 'csv' check (kind in ('csv', 'predict')),
    add column state text not null default 'scored' check (state in ('scored', 'running', 'failed')),
    add column message text,
    add column assignment_version integer,
    alter column public_score drop not null,
    alter column private_score drop not null;

create table leaderboard_predict (
    entry_id     bigint primary key references leaderboard_entry (id),
    code         bytea not null,
    weights_name text,
    weights      bytea
);

-- A predict job belongs to a leaderboard entry, not to a submission: it names the entry, and its
-- submitter and assignment version (which route and order the queue, V421) come from the entry.
alter table grading_job alter column submission_id drop not null,
    add column leaderboard_entry_id bigint references leaderboard_entry (id),
    add constraint grading_job_owner check ((submission_id is null) <> (leaderboard_entry_id is null));
alter table grading_job drop constraint grading_job_purpose_check;
alter table grading_job add constraint grading_job_purpose_check
    check (purpose in ('handin', 'regrade', 'rerun', 'predict'));
create index grading_job_leaderboard_entry on grading_job (leaderboard_entry_id) where leaderboard_entry_id is not null;

create or replace function grading_job_from_submission() returns trigger language plpgsql as $$
begin
    if new.submission_id is not null then
        select s.submitter_id, s.assignment_id, s.assignment_version
          into new.job_submitter_id, new.job_assignment_id, new.job_assignment_version
          from submission s where s.id = new.submission_id;
    end if;
    return new;
end
$$;

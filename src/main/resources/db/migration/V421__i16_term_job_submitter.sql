-- Branch i16-term. The claim query orders waiting jobs by fair share: a student's n-th waiting or
-- running job comes after every other student's earlier ones. Counting that through submission
-- (all of a student's hand-ins of the term, then their jobs) cost ~0.7 s a claim with 5,000 jobs
-- waiting; with the submitter on the job row the count is a short range of one partial index.
-- A job's submitter is its submission's, which never changes: every insert gets it from there,
-- whichever code path inserts (the queue, benchmarks, tests). No foreign key to app_user: the
-- submission row already holds one, and this copy is only an ordering key.
alter table grading_job add column submitter_id bigint;

update grading_job j set submitter_id = s.submitter_id from submission s where s.id = j.submission_id;

alter table grading_job alter column submitter_id set not null;

create or replace function grading_job_submitter() returns trigger language plpgsql as $$
begin
    select s.submitter_id into new.submitter_id from submission s where s.id = new.submission_id;
    return new;
end
$$;

create trigger grading_job_submitter before insert on grading_job
    for each row execute function grading_job_submitter();

create index grading_job_fair_share on grading_job (submitter_id, priority, enqueued_at)
    where state in ('queued', 'running');

-- The fair-share count was this index's only user (V418).
drop index grading_job_active;

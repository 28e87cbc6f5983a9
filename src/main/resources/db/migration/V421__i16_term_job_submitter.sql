-- Branch i16-term. The claim query orders waiting jobs by fair share: a student's n-th waiting or
-- running job comes after every other student's earlier ones. Counting that through submission
-- (all of a student's hand-ins of the term, then their jobs) cost ~0.5 s a claim with 1,000 jobs
-- waiting and seconds with 5,000; and finding each waiting job's assignment read the whole
-- submission table. With the submitter and the assignment version on the job row, a claim reads
-- grading_job and assignment_version only, and the count is a short range of one partial index.
-- A submission's submitter and assignment version never change: every insert copies them from
-- there, whichever code path inserts (the queue, benchmarks, tests). No foreign keys: the
-- submission row holds them already, and these copies only order and route the queue. Named job_*
-- so that no query joining grading_job with submission turns ambiguous.
alter table grading_job add column job_submitter_id bigint,
    add column job_assignment_id text,
    add column job_assignment_version integer;

update grading_job j set job_submitter_id = s.submitter_id, job_assignment_id = s.assignment_id,
    job_assignment_version = s.assignment_version
from submission s where s.id = j.submission_id;

alter table grading_job alter column job_submitter_id set not null,
    alter column job_assignment_id set not null,
    alter column job_assignment_version set not null;

create or replace function grading_job_from_submission() returns trigger language plpgsql as $$
begin
    select s.submitter_id, s.assignment_id, s.assignment_version
      into new.job_submitter_id, new.job_assignment_id, new.job_assignment_version
      from submission s where s.id = new.submission_id;
    return new;
end
$$;

create trigger grading_job_from_submission before insert on grading_job
    for each row execute function grading_job_from_submission();

create index grading_job_fair_share on grading_job (job_submitter_id, priority, enqueued_at)
    where state in ('queued', 'running');

-- The count through submission was this index's only user (V418).
drop index grading_job_active;

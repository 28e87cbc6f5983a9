-- A rerun job names the result it rescores (grading_job.rescore_of, V413). As a foreign key it closed
-- a cycle with the keys that lead from results back to jobs, and a backup restores tables in the
-- order of their foreign keys: with the cycle, `tensormark backup` refused every database. The
-- column stays; ShadowReruns reads it only while the job's regrade is open.
alter table grading_job drop constraint grading_job_rescore_of_fkey;

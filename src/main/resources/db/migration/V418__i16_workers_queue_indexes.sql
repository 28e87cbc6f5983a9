-- Branch i16-workers. A queue that has run for a term holds far more finished jobs than waiting
-- ones. The claim query's fair-share count looks up, per waiting job, its submitter's jobs that
-- wait or run: these partial indexes keep that lookup, and the retention sweep of finished jobs,
-- off the finished rows (ClaimQueryPlanTest shows the plan with 100,000 of them).
create index submission_submitter on submission (submitter_id);
create index grading_job_active on grading_job (submission_id, priority, enqueued_at) where state in ('queued', 'running');
create index grading_job_finished on grading_job (finished_at) where state in ('done', 'failed', 'cancelled');

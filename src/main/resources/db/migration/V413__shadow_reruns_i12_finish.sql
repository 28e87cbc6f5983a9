-- Branch i12-finish. A shadow regrade whose new version changed a plan runs the changed calls in
-- the worker: one grading_job of purpose 'rerun' per hand-in, naming the regrade and the result it
-- rescores. Such a job is the platform's, never shown to the student nor counted as a hand-in.
alter table grading_job drop constraint grading_job_purpose_check;
alter table grading_job add constraint grading_job_purpose_check check (purpose in ('handin', 'regrade', 'rerun'));
alter table grading_job add column shadow_regrade_id bigint references shadow_regrade (id);
alter table grading_job add column rescore_of bigint references grading_result (id);
create index grading_job_shadow_regrade on grading_job (shadow_regrade_id) where shadow_regrade_id is not null;

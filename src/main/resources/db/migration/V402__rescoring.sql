-- A TA's points for manual rubric items and an instructor's override change a recorded result
-- by rescoring (never by rerunning); the audit log keeps every before and after.
alter table grading_result add column override_points double precision;
alter table grading_result add column override_reason text;
alter table check_result add column graded_by bigint references app_user (id);
alter table check_result add column comment text;

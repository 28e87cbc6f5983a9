-- What an autoscaler of the worker pools reads (KEDA's PostgreSQL scaler, deploy/k8s): jobs that
-- wait or run, per device they need. No assignment asks for a GPU yet, so every job is a CPU job;
-- when jobs name their device, only this view changes, not the scalers' queries.
create view worker_demand as
select 'cpu'::text as device, count(*) as jobs
from grading_job
where state in ('queued', 'running');

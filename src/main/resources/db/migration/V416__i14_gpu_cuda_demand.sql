-- i14-gpu: a job whose assignment version has a check with device: cuda asks the GPU pool
-- (device 'cuda'); every other job the CPU pool. The scalers' queries (deploy/k8s) stay as they are.
-- A cuda job that waited past tensormark.queue.gpu-wait may still run on a CPU worker; it keeps
-- asking for a GPU here, so a GPU pool scaled to zero comes up for it.
create or replace view worker_demand as
select d.device, count(j.id) as jobs
from (values ('cpu'), ('cuda')) as d(device)
left join (
    select g.id,
           case when exists (select 1 from jsonb_array_elements(coalesce(v.spec->'checks', '[]'::jsonb)) c
                             where c->'params'->>'device' = 'cuda')
                then 'cuda' else 'cpu' end as device
    from grading_job g
    join submission s on s.id = g.submission_id
    left join assignment_version v on v.assignment_id = s.assignment_id and v.version = s.assignment_version
    where g.state in ('queued', 'running')
) j on j.device = d.device
group by d.device;

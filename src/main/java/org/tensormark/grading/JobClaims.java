package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.image.ImageStore;

/**
 * The one queue code path of every deployment: jobs are PostgreSQL rows claimed with
 * {@code FOR UPDATE SKIP LOCKED} under a lease that the worker renews. Order: priority first
 * (hand-ins before regrades), then fair share (a student's n-th queued job waits behind every
 * other student's earlier ones), then arrival. A worker claims only jobs whose assignment's grading
 * image its host holds; the others wait for a worker that has it.
 */
@ApplicationScoped
public class JobClaims {

    /**
     * Claims the next job: ?1 the worker, ?2 the lease in seconds, ?3 the image of an assignment
     * that names none, ?4 the images this host holds (comma-separated), ?5 whether this worker has a
     * GPU (else jobs with cuda checks wait ?6 seconds for one first). The partial indexes of
     * V1 and V418 keep it off the finished jobs, however many there are. It never reads
     * submission: a job row carries its hand-in's submitter and assignment version (V421), and
     * the fair share counts a student's waiting jobs in the partial index on that submitter
     * ({@code ClaimQueryPlanTest}).
     */
    static final String CLAIM = """
            with next as (
                select j.id from grading_job j
                left join assignment_version v on v.assignment_id = j.job_assignment_id and v.version = j.job_assignment_version
                where j.state = 'queued' and j.not_before <= now()
                  and (case when ?5 or not exists (select 1 from jsonb_array_elements(coalesce(v.spec->'checks', '[]'))
                                                   c where c->'params'->>'device' = 'cuda')
                            then coalesce(v.spec->>'image', ?3)
                            when j.enqueued_at <= now() - make_interval(secs => ?6) then ?3
                       end) = any(string_to_array(?4, ','))
                order by j.priority desc,
                         (select count(*) from grading_job e
                          where e.job_submitter_id = j.job_submitter_id and e.state in ('queued', 'running')
                            and e.priority = j.priority and e.enqueued_at < j.enqueued_at) asc,
                         j.enqueued_at asc, j.id asc
                for update of j skip locked
                limit 1)
            update grading_job g set state = 'running', attempts = g.attempts + 1, lease_owner = ?1,
                   lease_expires_at = now() + make_interval(secs => ?2), started_at = now()
            from next where g.id = next.id
            returning g.id, g.submission_id, g.attempts, g.purpose,
                   extract(epoch from g.started_at - g.enqueued_at)""";

    private final EntityManager em;
    private final QueueConfig config;
    private final GpuPool gpus;

    JobClaims(EntityManager em, QueueConfig config, GpuPool gpus) {
        this.em = em;
        this.config = config;
        this.gpus = gpus;
    }

    /** A job a worker holds. */
    public record Claim(long jobId, UUID submissionId, int attempt, String purpose, Duration waited) {
    }

    @Transactional
    public Optional<Claim> claim(String workerId) {
        return claim(workerId, gpus.size() > 0);
    }

    /**
     * Claims the next job this worker can run. A job with cuda checks goes to a worker with a GPU
     * (in the assignment's image); a worker without one takes it only after it has waited
     * {@link QueueConfig#gpuWait()}, and needs the course image for it.
     */
    @Transactional
    public Optional<Claim> claim(String workerId, boolean hasGpu) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, workerId)
                .setParameter(2, (double) config.lease().toSeconds())
                .setParameter(3, ImageStore.COURSE_IMAGE)
                .setParameter(4, String.join(",", ImageStore.local().names()))
                .setParameter(5, hasGpu)
                .setParameter(6, (double) config.gpuWait().toSeconds())
                .getResultList();
        return rows.stream().findFirst().map(r -> new Claim(((Number) r[0]).longValue(), (UUID) r[1],
                ((Number) r[2]).intValue(), (String) r[3], Duration.ofMillis((long) (((Number) r[4]).doubleValue() * 1000))));
    }

    /**
     * Renews the leases of the given jobs of a worker, those its live slots are running; a job of
     * the worker that none of them holds (its slot died) is left to expire and be re-leased.
     * Returns how many of the jobs the worker still holds.
     */
    @Transactional
    public int heartbeat(String workerId, Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("update grading_job set lease_expires_at = now() + make_interval(secs => :lease)"
                        + " where lease_owner = :worker and state = 'running' and id in (:jobs)")
                .setParameter("worker", workerId).setParameter("lease", (double) config.lease().toSeconds())
                .setParameter("jobs", jobIds).executeUpdate();
    }

    /** True while this worker still holds the job's lease (it may have been re-leased after a stall). */
    @Transactional
    public boolean holds(long jobId, String workerId) {
        return !em.createNativeQuery("select 1 from grading_job where id = ?1 and lease_owner = ?2 and state = 'running'")
                .setParameter(1, jobId).setParameter(2, workerId).getResultList().isEmpty();
    }

    /** Marks the job done; only the lease holder can. Runs inside the scorer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean finish(long jobId, String workerId) {
        return em.createNativeQuery("update grading_job set state = 'done', finished_at = now(), lease_owner = null,"
                        + " lease_expires_at = null where id = ?1 and lease_owner = ?2 and state = 'running'")
                .setParameter(1, jobId).setParameter(2, workerId).executeUpdate() == 1;
    }

    /**
     * Sets a finished job's end to this moment, not its transaction's start ({@code now()}): the
     * last statement of a recording, after its rows are written. In the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void finishedNow(long jobId) {
        em.createNativeQuery("update grading_job set finished_at = clock_timestamp() where id = ?1")
                .setParameter(1, jobId).executeUpdate();
    }

    /**
     * A platform failure: the job goes back to the queue after a growing delay, or fails for good
     * after its last attempt with the reason kept for staff. The student is never charged for it.
     */
    @Transactional
    public void platformFailure(long jobId, String workerId, String reason) {
        em.createNativeQuery("""
                update grading_job set
                    state = case when attempts >= max_attempts then 'failed' else 'queued' end,
                    finished_at = case when attempts >= max_attempts then now() else null end,
                    not_before = now() + make_interval(secs => ?3 * power(2, greatest(attempts - 1, 0))),
                    lease_owner = null, lease_expires_at = null, last_error = ?4
                where id = ?1 and lease_owner = ?2 and state = 'running'""")
                .setParameter(1, jobId).setParameter(2, workerId)
                .setParameter(3, (double) config.retryBackoff().toSeconds()).setParameter(4, truncate(reason))
                .executeUpdate();
    }

    /**
     * The hand-in made grading fail in a way a retry would repeat: the job fails for good at once,
     * with the reason kept for staff.
     */
    @Transactional
    public void handinFailure(long jobId, String workerId, String reason) {
        em.createNativeQuery("update grading_job set state = 'failed', finished_at = now(), lease_owner = null,"
                        + " lease_expires_at = null, last_error = ?3 where id = ?1 and lease_owner = ?2 and state = 'running'")
                .setParameter(1, jobId).setParameter(2, workerId).setParameter(3, truncate(reason)).executeUpdate();
    }

    /** Puts jobs whose worker stopped renewing its lease back in the queue (or fails them after the last attempt). */
    @Transactional
    public int releaseExpiredLeases() {
        return em.createNativeQuery("""
                update grading_job set
                    state = case when attempts >= max_attempts then 'failed' else 'queued' end,
                    finished_at = case when attempts >= max_attempts then now() else null end,
                    last_error = 'the worker ' || coalesce(lease_owner, '?') || ' stopped answering (lease expired)',
                    lease_owner = null, lease_expires_at = null, not_before = now()
                where state = 'running' and lease_expires_at < now()""").executeUpdate();
    }

    /**
     * Puts the jobs a stopping worker still leases back in the queue at once; the attempt does
     * not count, since neither the hand-in nor the platform failed.
     */
    @Transactional
    public int handBack(String workerId) {
        return em.createNativeQuery("""
                update grading_job set state = 'queued', attempts = greatest(attempts - 1, 0),
                    lease_owner = null, lease_expires_at = null, not_before = now(),
                    last_error = 'handed back by the worker ' || ?1 || ' as it stopped'
                where lease_owner = ?1 and state = 'running'""").setParameter(1, workerId).executeUpdate();
    }

    /** Cancels a job that has not finished; a running one stops being leased and its result is discarded. */
    @Transactional
    public boolean cancel(long jobId) {
        return cancelWhere("id = ?1", jobId) == 1;
    }

    /** Cancels every unfinished job of a submission; returns how many. */
    @Transactional
    public int cancelSubmission(UUID submissionId) {
        return cancelWhere("submission_id = ?1", submissionId);
    }

    private int cancelWhere(String condition, Object key) {
        return em.createNativeQuery("update grading_job set state = 'cancelled', finished_at = now(),"
                        + " lease_owner = null, lease_expires_at = null where " + condition
                        + " and state in ('queued', 'running')")
                .setParameter(1, key).executeUpdate();
    }

    /** Queue depth and the oldest wait, for metrics and the student's queue position. */
    @Transactional
    public QueueState state() {
        Object[] row = (Object[]) em.createNativeQuery("select count(*) filter (where state = 'queued'),"
                + " count(*) filter (where state = 'running'),"
                + " coalesce(extract(epoch from now() - min(enqueued_at) filter (where state = 'queued')), 0)"
                + " from grading_job").getSingleResult();
        return new QueueState(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                Duration.ofMillis((long) (((Number) row[2]).doubleValue() * 1000)));
    }

    /** How many queued jobs are ahead of this one (0 = next), or empty when it is not queued. */
    @Transactional
    public Optional<Long> position(long jobId) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("""
                select count(*) from grading_job o, grading_job j where j.id = ?1 and j.state = 'queued'
                  and o.state = 'queued' and (o.priority > j.priority
                       or (o.priority = j.priority and o.enqueued_at < j.enqueued_at))
                group by j.id""").setParameter(1, jobId).getResultList();
        return rows.stream().findFirst().map(Number::longValue);
    }

    /** A snapshot of the queue. */
    public record QueueState(long queued, long running, Duration oldestWait) {
    }

    private static String truncate(String reason) {
        return reason == null ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    }
}

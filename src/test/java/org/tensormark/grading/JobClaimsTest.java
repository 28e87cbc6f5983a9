package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/** The PostgreSQL queue: SKIP LOCKED claims, leases, retries, priorities, fair share, exactly-once scoring. */
@QuarkusTest
class JobClaimsTest {

    /** Runs' files already on disk. */
    private static final ResultRecorder.FilesOnDisk ON_DISK = () -> { };

    @Inject
    JobClaims claims;

    @Inject
    GradingQueue queue;

    @Inject
    ResultRecorder recorder;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @Inject
    QueueConfig queueConfig;

    @BeforeEach
    void emptyQueue() {
        course.ensure();
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update grading_job set state = 'cancelled' where state in ('queued', 'running')")
                        .executeUpdate());
    }

    private UUID submission(String username) {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                            + " select ?1, 'in-open', current_version, (select id from app_user where username = ?2), now()"
                            + " from assignment where id = 'in-open'")
                    .setParameter(1, id).setParameter(2, username).executeUpdate();
            return id;
        });
    }

    private long enqueue(UUID submission, boolean regrade) {
        return QuarkusTransaction.requiringNew().call(() -> queue.enqueue(submission, regrade));
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        for (int i = 0; i < 20; i++) {
            enqueue(submission("alice"), false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String id = "w" + w;
            workers.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (Optional<JobClaims.Claim> c = claims.claim(id); c.isPresent(); c = claims.claim(id)) {
                    mine.add(c.get().jobId());
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(20, all.size());
        assertEquals(20, new HashSet<>(all).size());
    }

    @Test
    void handInsOutrankRegradesAndEveryStudentGetsATurn() {
        UUID a = submission("alice");
        long regrade = enqueue(a, true);
        List<Long> aliceJobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            aliceJobs.add(enqueue(submission("alice"), false));
        }
        long bob = enqueue(submission("bob"), false);
        List<Long> order = new ArrayList<>();
        for (Optional<JobClaims.Claim> c = claims.claim("w"); c.isPresent(); c = claims.claim("w")) {
            order.add(c.get().jobId());
        }
        assertEquals(aliceJobs.get(0), order.get(0));
        assertEquals(bob, order.get(1), "bob's first hand-in waits behind alice's first only");
        assertEquals(regrade, order.get(order.size() - 1), "the regrade runs last");
    }

    @Test
    void aJobWhoseWorkerDiedIsReleasedAndScoredExactlyOnce() {
        UUID s = submission("carol");
        long job = enqueue(s, false);
        JobClaims.Claim dead = claims.claim("dead-worker").orElseThrow();
        assertEquals(job, dead.jobId());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update grading_job set lease_expires_at = now() - interval '1 second' where id = ?1")
                .setParameter(1, job).executeUpdate());
        assertEquals(1, claims.releaseExpiredLeases());
        JobClaims.Claim second = claims.claim("live-worker").orElseThrow();
        assertEquals(job, second.jobId());
        assertEquals(2, second.attempt());
        ScoreBreakdown score = ScoreBreakdown.of(List.of(), 0, "On time");
        assertTrue(recorder.record(job, "live-worker", s, 1, "scored", score, Map.of(), List.of(), ON_DISK));
        assertFalse(recorder.record(job, "dead-worker", s, 1, "scored", score, Map.of(), List.of(), ON_DISK),
                "the worker that lost its lease cannot record");
        long results = ((Number) em.createNativeQuery("select count(*) from grading_result where job_id = ?1")
                .setParameter(1, job).getSingleResult()).longValue();
        assertEquals(1, results);
    }

    @Test
    void aJobEndsWhenItsScoreIsWrittenAfterItsRunsFilesAreOnDiskNotWhenItsRecordingBegan() {
        UUID s = submission("carol");
        long job = enqueue(s, false);
        claims.claim("w").orElseThrow();
        double before = databaseMillis("clock_timestamp()", job);

        assertTrue(recorder.record(job, "w", s, 1, "scored", ScoreBreakdown.of(List.of(), 0, "On time"), Map.of(),
                List.of(), () -> LockSupport.parkNanos(Duration.ofMillis(300).toNanos()))); // files still being flushed

        double finished = databaseMillis("finished_at", job);
        assertTrue(finished - before >= 300, "the job's end is after the 300 ms its runs' files took, not the"
                + " recording's start: " + (finished - before) + " ms after it began");
    }

    @Test
    void aRecordingWhoseRunsFilesCouldNotBeStoredWritesNothingAndLeavesTheJobToItsWorker() {
        UUID s = submission("carol");
        long job = enqueue(s, false);
        claims.claim("w").orElseThrow();

        ResultRecorder.FilesNotStored failed = org.junit.jupiter.api.Assertions.assertThrows(
                ResultRecorder.FilesNotStored.class, () -> recorder.record(job, "w", s, 1, "scored",
                        ScoreBreakdown.of(List.of(), 0, "On time"), Map.of(), List.of(), () -> {
                            throw new java.io.IOException("disk full");
                        }));

        assertTrue(failed.getMessage().contains("disk full"), failed.getMessage());
        Object[] row = (Object[]) em.createNativeQuery("select state, lease_owner, (select count(*) from grading_result"
                + " where job_id = ?1) from grading_job where id = ?1").setParameter(1, job).getSingleResult();
        assertEquals("running", row[0]);
        assertEquals("w", row[1]);
        assertEquals(0L, ((Number) row[2]).longValue());
    }

    /** A moment as PostgreSQL tells it, in epoch milliseconds: {@code expression} read from the job's row. */
    private double databaseMillis(String expression, long job) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select extract(epoch from " + expression + ") * 1000 from grading_job where id = ?1")
                .setParameter(1, job).getSingleResult()).doubleValue());
    }

    @Test
    void aPlatformFailedJobIsNotClaimableUntilItsDoublingBackoffHasPassedThenFailsWithTheReason() {
        Duration backoff = Duration.ofSeconds(1);
        JobClaims claimsWithShortBackoff = new JobClaims(em, withRetryBackoff(backoff), new GpuPool());
        long job = enqueue(submission("dave"), false);
        Instant failedAt = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            JobClaims.Claim c = awaitClaim(claimsWithShortBackoff);
            Instant claimedAt = Instant.now();
            assertEquals(job, c.jobId());
            assertEquals(attempt, c.attempt());
            if (failedAt != null) {
                Duration due = backoff.multipliedBy(1L << (attempt - 2));
                Duration waited = Duration.between(failedAt, claimedAt);
                assertTrue(waited.compareTo(due.minusMillis(20)) >= 0, "claimed after " + waited + ", backoff " + due);
            }
            failedAt = Instant.now();
            QuarkusTransaction.requiringNew().run(() ->
                    claimsWithShortBackoff.platformFailure(job, "w", "sandbox could not start"));
            assertTrue(QuarkusTransaction.requiringNew().call(() -> claimsWithShortBackoff.claim("w")).isEmpty(),
                    "claimable again at once after platform failure " + attempt);
        }
        Object[] row = (Object[]) em.createNativeQuery("select state, last_error from grading_job where id = ?1")
                .setParameter(1, job).getSingleResult();
        assertEquals("failed", row[0]);
        assertEquals("sandbox could not start", row[1]);
    }

    /** Claims with {@code claims} until a job comes, for at most ten seconds. */
    private static JobClaims.Claim awaitClaim(JobClaims claims) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<JobClaims.Claim> c = QuarkusTransaction.requiringNew().call(() -> claims.claim("w"));
            if (c.isPresent()) {
                return c.get();
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new AssertionError("no job became claimable within 10 s");
    }

    /** This application's queue settings with another first retry delay. */
    private QueueConfig withRetryBackoff(Duration backoff) {
        return new QueueConfig() {
            @Override
            public Duration lease() {
                return queueConfig.lease();
            }

            @Override
            public Duration heartbeat() {
                return queueConfig.heartbeat();
            }

            @Override
            public Duration retryBackoff() {
                return backoff;
            }

            @Override
            public Duration gpuWait() {
                return queueConfig.gpuWait();
            }

            @Override
            public Duration keepFinished() {
                return queueConfig.keepFinished();
            }
        };
    }

    @Test
    void aCancelledJobIsNotClaimed() {
        long job = enqueue(submission("alice"), false);
        assertTrue(claims.cancel(job));
        assertTrue(claims.claim("w").isEmpty());
    }
}

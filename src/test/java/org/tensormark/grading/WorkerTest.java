package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/** A worker's slots outlive every job, and only the jobs they are running keep their leases. */
@QuarkusTest
class WorkerTest {

    @Inject
    JobsRoot jobsRoot;

    @Inject
    JobClaims claims;

    @Inject
    GradingQueue queue;

    @Inject
    QueueMetrics metrics;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    private final String name = "worker-test-" + System.nanoTime();
    private Worker worker;

    @BeforeEach
    void emptyQueue() {
        course.ensure();
        cancelUnfinishedJobs();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
        cancelUnfinishedJobs();
    }

    @Test
    void whateverAJobThrowsEndsThatJobAndTheSameSlotRunsTheNextOne() throws InterruptedException {
        long outOfMemory = enqueue();
        long overflow = enqueue();
        long next = enqueue();
        List<String> ranOn = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch nextRan = new CountDownLatch(1);
        worker = start((claim, workerId) -> {
            ranOn.add(Thread.currentThread().getName());
            if (claim.jobId() == outOfMemory) {
                throw new OutOfMemoryError("Java heap space (from the test)");
            }
            if (claim.jobId() == overflow) {
                recurseForever(0);
            }
            if (claim.jobId() == next) {
                nextRan.countDown();
            }
        }, Duration.ofSeconds(15));
        assertTrue(nextRan.await(20, TimeUnit.SECONDS), "the slot ran no job after the ones that threw: " + ranOn);
        assertEquals(List.of("tensormark-worker-0", "tensormark-worker-0", "tensormark-worker-0"), ranOn);
        assertEquals(List.of("queued", "internal error: java.lang.OutOfMemoryError: Java heap space (from the test)"),
                stateAndError(outOfMemory), "an error of the platform is retried later");
        List<String> overflowed = stateAndError(overflow);
        assertEquals("failed", overflowed.get(0), "a stack overflow would recur, so the job ends at once");
        assertTrue(overflowed.get(1).startsWith("grading this hand-in overflowed the grader's stack in "
                + WorkerTest.class.getName() + ".recurseForever"), overflowed.get(1));
    }

    @Test
    void aLeaseIsRenewedOnlyForTheJobALiveSlotIsRunning() throws InterruptedException {
        long orphan = enqueue();
        assertEquals(orphan, claims.claim(name).orElseThrow().jobId(), "claimed by a slot of this worker that died");
        long running = enqueue();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        worker = start((claim, workerId) -> {
            started.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(100));
        try {
            assertTrue(started.await(20, TimeUnit.SECONDS), "the slot never claimed the queued job");
            setLeaseSecondsLeft(3, orphan, running);
            Thread.sleep(600);
            assertTrue(leaseSecondsLeft(running) > 30, "the running job's lease was not renewed");
            assertTrue(leaseSecondsLeft(orphan) < 3, "the lease of a job no live slot holds was renewed");
        } finally {
            finish.countDown();
        }
    }

    @Test
    void aJobQueuedWhileTheWorkerIsIdleStartsAtOnceNotAtTheNextPoll() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        worker = start((claim, workerId) -> ran.countDown(), WorkerSettings.config(name, 1, Duration.ofSeconds(60)),
                Duration.ofSeconds(15));
        Thread.sleep(1500); // the slot has found the queue empty and waits for its next poll, a minute away
        long queued = System.nanoTime();
        enqueue();
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the idle worker did not start the new job before its next poll");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);
        assertTrue(millis < 2000, "the job started " + millis + " ms after it was queued");
    }

    @Test
    void aStoppingWorkerFinishesWhatEndsWithinItsGraceAndHandsTheRestBackAtOnce() throws InterruptedException {
        long quick = enqueue();
        long slow = enqueue();
        CountDownLatch slowStarted = new CountDownLatch(1);
        worker = new Worker(claims, (claim, workerId) -> {
            if (claim.jobId() == quick) {
                finish(quick);
                return;
            }
            slowStarted.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(5).toMillis()); // stopped by the interrupt after the grace
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, metrics, WorkerSettings.config(name, Duration.ofSeconds(1)), jobsRoot,
                WorkerSettings.queue(Duration.ofMillis(100)), dataSource, "worker");
        worker.start(1);
        assertTrue(slowStarted.await(20, TimeUnit.SECONDS), "the slot never reached the second job");
        long stopping = System.nanoTime();
        worker.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - stopping);
        assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "stopping took " + took);
        assertEquals(List.of("done", "null"), stateAndError(quick));
        assertEquals(List.of("queued", "handed back by the worker " + name + " as it stopped"), stateAndError(slow));
        assertEquals(0, attempts(slow), "a hand-back is not an attempt");
        assertEquals(slow, claims.claim(name + "-other").orElseThrow().jobId(), "the job waits for no lease to expire");
    }

    private void finish(long job) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update grading_job set state = 'done',"
                + " finished_at = now(), lease_owner = null, lease_expires_at = null where id = ?1")
                .setParameter(1, job).executeUpdate());
    }

    private int attempts(long job) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select attempts from grading_job where id = ?1").setParameter(1, job).getSingleResult()).intValue());
    }

    @Test
    void afterTheWarmUpEachSlotRehearsesHandinsOnItsOwnThreadAndTheWarmUpWaitsForThem() throws Exception {
        List<String> rehearsedOn = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warmUpRan = new CountDownLatch(1);
        SelfCheck selfCheck = sleepingSelfCheck(1000, warmUpRan, rehearsedOn); // the slots find no job meanwhile
        // a poll far longer than the test waits: the slots learn of the warm-up's end from the warm-up itself
        worker = new Worker(claims, (claim, workerId) -> { }, metrics,
                WorkerSettings.selfChecking(name, 2, Duration.ofMinutes(5)), jobsRoot, WorkerSettings.queue(Duration.ofSeconds(1)),
                dataSource, "worker");
        worker.selfCheck = selfCheck;
        List<Integer> rehearsedWhenCollected = new ArrayList<>();
        worker.warmUpCollection = () -> rehearsedWhenCollected.add(rehearsedOn.size());
        worker.start(2);

        assertTrue(worker.awaitWarmUp(Duration.ofSeconds(20)), "the warm-up and both slots' rehearsals ended");
        assertEquals(List.of(2 * Worker.SLOT_REHEARSALS), rehearsedWhenCollected,
                "the warm-up's garbage was collected once, after every slot's rehearsals, before the warm-up ended");

        assertEquals(1, 1 - warmUpRan.getCount());
        List<String> expected = new ArrayList<>();
        for (String slot : List.of("tensormark-worker-0", "tensormark-worker-1")) {
            for (int i = 0; i < Worker.SLOT_REHEARSALS; i++) {
                expected.add(slot);
            }
        }
        List<String> seen = new ArrayList<>(rehearsedOn);
        Collections.sort(seen);
        assertEquals(expected, seen, "each slot rehearsed " + Worker.SLOT_REHEARSALS + " hand-ins on its own thread, once");
    }

    @Test
    void aSlotWokenJustAsTheWarmUpEndsRehearsesThenNotAtItsNextPoll() throws Exception {
        // The warm-up's thread is still alive for a moment after it has woken the slots; a slot that
        // looked at it then went back to waiting, here for a poll of five minutes.
        for (int start = 1; start <= 20; start++) {
            SelfCheck quick = sleepingSelfCheck(100, new CountDownLatch(1), new ArrayList<>()); // the slots wait for a job
            worker = new Worker(claims, (claim, workerId) -> { }, metrics,
                    WorkerSettings.selfChecking(name, 2, Duration.ofMinutes(5)), jobsRoot,
                    WorkerSettings.queue(Duration.ofSeconds(1)), dataSource, "worker");
            worker.selfCheck = quick;
            worker.start(2);

            assertTrue(worker.awaitWarmUp(Duration.ofSeconds(5)), "start " + start + ": both slots rehearsed once woken");
            worker.stop();
            worker = null;
        }
    }

    /** A self-check that takes {@code millis}, then rehearses nothing but notes the thread each hand-in was asked on. */
    private static SelfCheck sleepingSelfCheck(long millis, CountDownLatch ran, List<String> rehearsedOn) {
        return new SelfCheck(null, null, null, null, null, null, null, null) {
            @Override
            Result run() {
                ran.countDown();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Result(1, 1, millis, 0, 1, Optional.empty());
            }

            @Override
            int rehearseHandinsHere(int times) {
                for (int i = 0; i < times; i++) {
                    rehearsedOn.add(Thread.currentThread().getName());
                }
                return times;
            }
        };
    }

    private Worker start(JobRunner runner, Duration heartbeat) {
        return start(runner, WorkerSettings.config(name), heartbeat);
    }

    private Worker start(JobRunner runner, WorkerConfig config, Duration heartbeat) {
        Worker w = new Worker(claims, runner, metrics, config, jobsRoot, WorkerSettings.queue(heartbeat),
                dataSource, "worker");
        w.start(1);
        return w;
    }

    private static int recurseForever(int depth) {
        return recurseForever(depth + 1) + 1;
    }

    private long enqueue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = UUID.randomUUID();
            // Received days ago: queue tests must not use up today's hand-in quota the intake tests rely on.
            em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                            + " select ?1, 'in-open', current_version, (select id from app_user where username = 'alice'),"
                            + " now() - interval '3 days' from assignment where id = 'in-open'")
                    .setParameter(1, id).executeUpdate();
            return queue.enqueue(id, false);
        });
    }

    private List<String> stateAndError(long job) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("select state, last_error from grading_job where id = ?1")
                    .setParameter(1, job).getSingleResult();
            return List.of((String) row[0], String.valueOf(row[1]));
        });
    }

    private void setLeaseSecondsLeft(int seconds, long... jobs) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (long job : jobs) {
                em.createNativeQuery("update grading_job set lease_expires_at = now() + make_interval(secs => ?2)"
                        + " where id = ?1").setParameter(1, job).setParameter(2, (double) seconds).executeUpdate();
            }
        });
    }

    private double leaseSecondsLeft(long job) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select extract(epoch from lease_expires_at - now()) from grading_job where id = ?1")
                .setParameter(1, job).getSingleResult()).doubleValue());
    }

    private void cancelUnfinishedJobs() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update grading_job set state = 'cancelled' where state in ('queued', 'running')")
                        .executeUpdate());
    }
}

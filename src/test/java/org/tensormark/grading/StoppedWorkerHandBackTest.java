package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/**
 * A worker stopped (SIGTERM, its grace spent) while the sandbox runs a hand-in: the job goes back
 * to the queue at once as if never claimed, and the sandboxed job dies with the stop. Real grader,
 * real sandbox, real PostgreSQL.
 */
@QuarkusTest
class StoppedWorkerHandBackTest {

    /** The harness's path inside the sandbox, on the command line of the job's Python process. */
    private static final String HARNESS = "/harness/tensormark_harness.py";
    /** A hand-in that is still being graded when the worker stops. */
    private static final String SLEEPER = "import time\n\ntime.sleep(600)\n\ndef softmax(x):\n    return x\n";

    @Inject
    IntakeCourse course;

    @Inject
    JobClaims claims;

    @Inject
    JobRunner runner;

    @Inject
    QueueMetrics metrics;

    @Inject
    JobsRoot jobsRoot;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    private final String name = "stopped-worker-test-" + System.nanoTime();
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
    void aWorkerStoppedWhileTheSandboxRunsHandsTheJobBackUnchargedAndTheSandboxedJobDies() throws Exception {
        UUID submission = handIn();
        worker = new Worker(claims, runner, metrics, WorkerSettings.config(name, Duration.ZERO), jobsRoot,
                WorkerSettings.queue(Duration.ofMillis(200)), dataSource, "worker");
        worker.start(1);
        List<ProcessHandle> sandboxed = awaitHarness(Duration.ofMinutes(2));

        long stopping = System.nanoTime();
        worker.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - stopping);

        assertTrue(took.compareTo(Duration.ofSeconds(7)) < 0, "stopping took " + took);
        assertEquals(List.of("queued", "0", "null", "handed back by the worker " + name + " as it stopped"),
                job(submission), "state, attempts, lease owner and reason: back in the queue as if never claimed");
        assertEquals(0L, results(submission), "nothing was recorded for the interrupted run");
        assertEquals("queued", TestLogins.as("alice").get("/api/submissions/" + submission + "/result")
                .then().statusCode(200).extract().path("status"), "the student sees the hand-in waiting, not failed");
        assertEquals(List.of(), survivors(sandboxed, Duration.ofSeconds(10)), "the sandboxed job outlived the stop");
    }

    private UUID handIn() throws Exception {
        String id = TestLogins.as("alice").multiPart("code", "net.py", SLEEPER.getBytes(StandardCharsets.UTF_8))
                .multiPart("report", "report.pdf", GradingPipelineTest.report("1 Introduction"))
                .post("/api/assignments/in-graded/submissions").then().statusCode(201).extract().path("submissionId");
        UUID submission = UUID.fromString(id);
        // Received days ago: the other tests' hand-ins of today keep their quota.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update submission set received_at ="
                + " received_at - interval '3 days' where id = ?1").setParameter(1, submission).executeUpdate());
        return submission;
    }

    /** The processes running the harness in a sandbox, once there are any. */
    private static List<ProcessHandle> awaitHarness(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> found = harnessProcesses();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the worker never started the hand-in's sandbox");
    }

    private static List<ProcessHandle> harnessProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(HARNESS)).orElse(false))
                .toList();
    }

    private static List<String> survivors(List<ProcessHandle> sandboxed, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && (sandboxed.stream().anyMatch(ProcessHandle::isAlive)
                || !harnessProcesses().isEmpty())) {
            Thread.sleep(100);
        }
        return java.util.stream.Stream.concat(sandboxed.stream().filter(ProcessHandle::isAlive), harnessProcesses().stream())
                .distinct().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    private List<String> job(UUID submission) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("select state, attempts, lease_owner, last_error"
                    + " from grading_job where submission_id = ?1").setParameter(1, submission).getSingleResult();
            return Arrays.stream(row).map(String::valueOf).toList();
        });
    }

    private long results(UUID submission) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from grading_result where submission_id = ?1").setParameter(1, submission)
                .getSingleResult()).longValue());
    }

    private void cancelUnfinishedJobs() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update grading_job set state = 'cancelled' where state in ('queued', 'running')")
                        .executeUpdate());
    }
}

package org.tensormark.grading;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The liveness check tells a worker whose slots died from one that grades. */
@QuarkusTest
class WorkerHealthTest {

    @Inject
    JobsRoot jobsRoot;

    @Inject
    JobClaims claims;

    @Inject
    QueueMetrics metrics;

    @Inject
    DataSource dataSource;

    @Test
    void aWorkerWithADeadSlotIsDownAndNamesTheSlot() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory firstSlotDiesAtOnce = body -> made.getAndIncrement() == 0 ? new Thread(() -> { }) : idleSlot();
        Worker worker = worker("health-dead-" + System.nanoTime(), firstSlotDiesAtOnce);
        worker.start(2);
        try {
            HealthCheckResponse health = awaitDown(new WorkerHealth(worker));
            assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
            assertEquals("tensormark-worker-0", health.getData().orElseThrow().get("deadSlots"));
            assertEquals(2L, health.getData().orElseThrow().get("slots"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void aWorkerWhoseSlotsAreAliveIsUp() {
        Worker worker = worker("health-live-" + System.nanoTime(), body -> idleSlot());
        worker.start(1);
        try {
            HealthCheckResponse health = new WorkerHealth(worker).call();
            assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
            assertEquals("", health.getData().orElseThrow().get("deadSlots"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void theLivenessEndpointReportsTheServersWorker() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'grading worker' }.status", equalTo("UP"));
    }

    /** A slot thread that lives until the worker stops it, and never touches the queue. */
    private static Thread idleSlot() {
        return new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Worker worker(String name, ThreadFactory slotThreads) {
        return new Worker(claims, (claim, workerId) -> { }, metrics, WorkerSettings.config(name), jobsRoot,
                WorkerSettings.queue(Duration.ofSeconds(15)), dataSource, "worker", slotThreads);
    }

    private static HealthCheckResponse awaitDown(WorkerHealth check) throws InterruptedException {
        HealthCheckResponse health = check.call();
        for (int i = 0; i < 100 && health.getStatus() == HealthCheckResponse.Status.UP; i++) {
            Thread.sleep(20);
            health = check.call();
        }
        return health;
    }
}

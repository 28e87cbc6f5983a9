package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A running worker is on record with the images its host holds; one that stops or dies is not. */
@QuarkusTest
class WorkerPresenceTest {

    @Inject
    WorkerPresence presence;

    @Inject
    JobsRoot jobsRoot;

    @Inject
    JobClaims claims;

    @Inject
    QueueMetrics metrics;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Test
    void aStartedWorkerAdvertisesThisHostsImagesAndAStoppedOneIsGoneAtOnce() {
        String name = "presence-" + System.nanoTime();
        Worker worker = new Worker(claims, (claim, workerId) -> { }, metrics, WorkerSettings.config(name), jobsRoot,
                WorkerSettings.queue(Duration.ofSeconds(15)), dataSource, "worker", body -> new Thread(() -> { }));
        worker.presence = presence;
        worker.start(1);
        try {
            WorkerAdvert advert = await(name);
            assertEquals(WorkerPresence.heldHere(), advert.images());
            assertTrue(advert.holds("course-cpu"), advert.toString());
            assertTrue(advert.devices().contains("cpu"), advert.toString());
        } finally {
            worker.stop();
        }
        assertEquals(Optional.empty(), find(name));
    }

    @Test
    void aWorkerThatStoppedRefreshingPastTheLeaseNoLongerCounts() {
        String name = "presence-dead-" + System.nanoTime();
        presence.record(new WorkerAdvert(name, List.of(), List.of("cpu"), 1, Instant.now()));
        assertTrue(find(name).isPresent());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update worker_presence set seen_at = now() - interval '1 hour' where worker_id = ?1")
                .setParameter(1, name).executeUpdate());
        assertEquals(Optional.empty(), find(name));
        presence.forget(name);
    }

    private WorkerAdvert await(String name) {
        for (int i = 0; i < 100; i++) {
            Optional<WorkerAdvert> found = find(name);
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("worker " + name + " never appeared in " + presence.live());
    }

    private Optional<WorkerAdvert> find(String name) {
        return presence.live().stream().filter(w -> w.workerId().equals(name)).findFirst();
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/**
 * The queries KEDA scales the worker pools with (deploy/k8s) run against the real schema and count
 * what they should: jobs waiting or running, per device.
 */
@QuarkusTest
class WorkerDemandTest {

    @Inject
    GradingQueue queue;

    @Inject
    JobClaims claims;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @BeforeEach
    @AfterEach
    void emptyQueue() {
        course.ensure();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update grading_job set state = 'cancelled' where state in ('queued', 'running')").executeUpdate());
    }

    @Test
    void theCpuPoolIsAskedForEveryJobWaitingOrRunningAndTheGpuPoolForNone() throws IOException {
        String cpu = query("deploy/k8s/base/keda-cpu.yml");
        String gpu = query("deploy/k8s/overlays/gpu/keda-gpu.yml");
        assertEquals(0, count(cpu));
        enqueue();
        enqueue();
        enqueue();
        claims.claim("demand-test").orElseThrow();
        long done = enqueue();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update grading_job set state = 'done' where id = ?1").setParameter(1, done).executeUpdate());
        assertEquals(3, count(cpu), "two waiting and one running; finished jobs need no worker");
        assertEquals(0, count(gpu), "no assignment asks for a GPU, so the GPU pool scales to zero");
    }

    private static String query(String scaledObject) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of(scaledObject).toFile())
                .at("/spec/triggers/0/metadata/query").asText();
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
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
}

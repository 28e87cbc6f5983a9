package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/**
 * A job with a {@code device: cuda} check goes to a worker with a GPU; one without a GPU takes it
 * only after the GPU wait, in the course image.
 */
@QuarkusTest
class DeviceClaimsTest {

    @Inject
    JobClaims claims;

    @Inject
    GradingQueue queue;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @BeforeEach
    void aCudaCheck() {
        course.ensure();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update grading_job set state = 'cancelled' where state in ('queued', 'running')")
                    .executeUpdate();
            em.createNativeQuery("update assignment_version set spec = jsonb_set(spec, '{checks,0,params,device}', '\"cuda\"')"
                    + " where assignment_id = 'in-open'").executeUpdate();
        });
    }

    @AfterEach
    void backToTheCpuAndTheCourseImage() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update assignment_version set spec = (spec #- '{checks,0,params,device}') - 'image'"
                        + " where assignment_id = 'in-open'").executeUpdate());
    }

    @Test
    void aJobWithACudaCheckIsLeftByAWorkerWithoutAGpuAndTakenByOneWithAGpu() {
        long job = enqueue();
        assertTrue(claims.claim("w-cpu", false).isEmpty(), "the GPU wait has not passed");
        assertEquals(job, claims.claim("w-gpu", true).orElseThrow().jobId());
    }

    @Test
    void afterTheGpuWaitAWorkerWithoutAGpuRunsItInTheCourseImageEvenWhenItLacksTheAssignmentsImage() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update assignment_version set"
                + " spec = jsonb_set(spec, '{image}', '\"course-cuda-not-here\"') where assignment_id = 'in-open'").executeUpdate());
        long job = enqueue();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update grading_job set enqueued_at = now() - interval '11 minutes' where id = ?1").setParameter(1, job)
                .executeUpdate());
        assertTrue(claims.claim("w-gpu", true).isEmpty(), "this host holds no course-cuda-not-here for a GPU run");
        assertEquals(job, claims.claim("w-cpu", false).orElseThrow().jobId());
    }

    @Test
    void aJobWithACudaCheckAsksTheGpuPoolAndNotTheCpuPool() {
        long before = demand("cpu");
        enqueue();
        assertEquals(1, demand("cuda"));
        assertEquals(before, demand("cpu"));
    }

    /** What the pool's KEDA scaler reads (deploy/k8s). */
    private long demand(String device) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(jobs), 0) from worker_demand where device = ?1").setParameter(1, device)
                .getSingleResult()).longValue());
    }

    private long enqueue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = UUID.randomUUID();
            // Received days ago: queue tests must not use up today's hand-in quota the intake tests rely on.
            em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                            + " select ?1, 'in-open', current_version, (select id from app_user where username = 'alice'), now() - interval '3 days'"
                            + " from assignment where id = 'in-open'")
                    .setParameter(1, id).executeUpdate();
            return queue.enqueue(id, false);
        });
    }
}

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

/** A worker claims only jobs whose assignment's grading image its host holds. */
@QuarkusTest
class ImageClaimsTest {

    @Inject
    JobClaims claims;

    @Inject
    GradingQueue queue;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @BeforeEach
    void emptyQueue() {
        course.ensure();
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update grading_job set state = 'cancelled' where state in ('queued', 'running')")
                        .executeUpdate());
    }

    @AfterEach
    void backToTheCourseImage() {
        image(null);
    }

    private void image(String name) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (name == null) {
                em.createNativeQuery("update assignment_version set spec = spec - 'image' where assignment_id = 'in-open'")
                        .executeUpdate();
            } else {
                em.createNativeQuery("update assignment_version set spec = jsonb_set(spec, '{image}',"
                        + " to_jsonb(cast(?1 as text))) where assignment_id = 'in-open'").setParameter(1, name).executeUpdate();
            }
        });
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

    @Test
    void aJobWhoseImageThisHostLacksWaitsInTheQueueAndOneInTheCourseImageIsClaimed() {
        image("no-such-image");
        long waiting = enqueue();
        assertTrue(claims.claim("w-images").isEmpty(), "no worker here holds no-such-image");

        image("course-cpu");
        assertEquals(waiting, claims.claim("w-images").orElseThrow().jobId());
    }
}

package org.tensormark.dashboard;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.GradingQueue;
import org.tensormark.grading.WorkerAdvert;
import org.tensormark.grading.WorkerPresence;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/**
 * A job whose grading image no live worker holds waits with a reason: the dashboard names the
 * image, the student is told it waits for the grading environment, and no attempt is used.
 */
@QuarkusTest
class ImageWaitReasonTest {

    private static final String CPU_WORKER = "w-course-cpu-" + UUID.randomUUID();
    private static final String OTHER_WORKER = "w-other-" + UUID.randomUUID();

    @Inject
    IntakeCourse course;

    @Inject
    EntityManager em;

    @Inject
    GradingQueue queue;

    @Inject
    WorkerPresence presence;

    private long job;

    @BeforeEach
    void aWorkerHoldingTheCourseImageAndAJobForAnother() {
        course.ensure();
        presence.record(advert(CPU_WORKER, "course-cpu"));
        image("other");
        job = enqueue();
    }

    @AfterEach
    void backToTheCourseImage() {
        presence.forget(CPU_WORKER);
        presence.forget(OTHER_WORKER);
        image(null);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update grading_job set state = 'cancelled' where id = ?1").setParameter(1, job).executeUpdate());
    }

    @Test
    void aJobForAnImageNoWorkerHoldsWaitsWithTheReasonUntilAWorkerHoldingItAppears() {
        TestLogins.as("tom").get("/api/assignments/in-open/overview").then().statusCode(200)
                .body("queue.waiting.reason", hasItem(startsWith("waiting: no worker holds image other (")))
                .body("queue.workers.workerId", hasItem(CPU_WORKER));
        TestLogins.as("alice").get("/api/submissions/" + submission() + "/result").then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("waitingFor", startsWith("Waiting for the grading environment: a grader with the image 'other'"));
        assertEquals(0, attempts());

        presence.record(advert(OTHER_WORKER, "other"));

        TestLogins.as("tom").get("/api/assignments/in-open/overview").then().statusCode(200)
                .body("queue.waiting.findAll { it.image == 'other' }", empty());
        TestLogins.as("alice").get("/api/submissions/" + submission() + "/result").then().statusCode(200)
                .body("status", equalTo("queued")).body("waitingFor", nullValue());
        assertEquals(0, attempts());
    }

    @Test
    void aJobInTheImageALiveWorkerHoldsHasNoReason() {
        image("course-cpu");
        TestLogins.as("tom").get("/api/assignments/in-open/overview").then().statusCode(200)
                .body("queue.waiting.image", not(hasItem("course-cpu")));
        TestLogins.as("alice").get("/api/submissions/" + submission() + "/result").then().statusCode(200)
                .body("waitingFor", nullValue());
    }

    private static WorkerAdvert advert(String worker, String image) {
        return new WorkerAdvert(worker, List.of(new WorkerAdvert.HeldImage(image, "sha256:" + "ab".repeat(32))),
                List.of("cpu"), 1, Instant.now());
    }

    private String submission() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select cast(submission_id as text) from grading_job where id = ?1").setParameter(1, job)
                .getSingleResult().toString());
    }

    private int attempts() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select attempts from grading_job where id = ?1").setParameter(1, job).getSingleResult()).intValue());
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
                            + " select ?1, 'in-open', current_version, (select id from app_user where username = 'alice'),"
                            + " now() - interval '3 days' from assignment where id = 'in-open'")
                    .setParameter(1, id).executeUpdate();
            return queue.enqueue(id, false);
        });
    }
}

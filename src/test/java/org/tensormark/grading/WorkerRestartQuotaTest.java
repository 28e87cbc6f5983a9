package org.tensormark.grading;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/**
 * A long notebook job outlives its worker: each restart lets the lease run out and the job goes
 * back to the queue to be run again. The day's quota counts hand-ins, so the reruns cost the
 * student nothing (in-quota allows two hand-ins a day).
 */
@QuarkusTest
class WorkerRestartQuotaTest {

    private static final byte[] CODE = "def forward(x):\n    return x\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    IntakeCourse course;

    @Inject
    JobClaims claims;

    @Inject
    EntityManager em;

    @Test
    void aHandInRerunAfterWorkerRestartsUsesOneHandInOfTheDaysQuota() {
        course.ensure();
        UUID first = UUID.fromString(handIn().statusCode(201).extract().path("submissionId"));
        for (int restart = 1; restart <= 2; restart++) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update grading_job set state = 'running',"
                            + " attempts = attempts + 1, lease_owner = 'restarted-worker', started_at = now(),"
                            + " lease_expires_at = now() - interval '1 second' where submission_id = ?1 and state = 'queued'")
                    .setParameter(1, first).executeUpdate());
            assertTrue(QuarkusTransaction.requiringNew().call(claims::releaseExpiredLeases) >= 1);
        }
        Object[] job = (Object[]) em.createNativeQuery("select state, attempts from grading_job where submission_id = ?1")
                .setParameter(1, first).getSingleResult();
        assertEquals("queued", job[0], "the job waits to be run again");
        assertEquals(2, ((Number) job[1]).intValue());
        handIn().statusCode(201);
        handIn().statusCode(429).body("message", containsString("all 2 hand-ins for today"));
    }

    private static ValidatableResponse handIn() {
        return TestLogins.as("dave").multiPart("code", "net.py", CODE).multiPart("report", "report.pdf", PDF)
                .post("/api/assignments/in-quota/submissions").then();
    }
}

package org.tensormark.audit;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class AuditTrailTest {

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void aHandInIsAuditedAndOnlyAdminsReadTheTrail() {
        String id = TestLogins.as("carol").multiPart("code", "net.py", "x = 1\n".getBytes(StandardCharsets.UTF_8))
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/in-open/submissions").then().statusCode(201).extract().path("submissionId");
        TestLogins.as("admin").get("/api/audit?entityType=submission&entityId=" + id).then().statusCode(200)
                .body("action", hasItem("submission.create"));
        TestLogins.as("ingrid").get("/api/audit?entityType=submission&entityId=" + id).then().statusCode(403);
    }

    @Test
    void theTrailCannotBeRewritten() {
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update audit_log set action = 'nothing happened'").executeUpdate()));
        assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("delete from audit_log").executeUpdate()));
    }
}

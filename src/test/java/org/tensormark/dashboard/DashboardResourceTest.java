package org.tensormark.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class DashboardResourceTest {

    @Inject
    IntakeCourse course;

    @Inject
    EntityManager em;

    @BeforeEach
    void course() {
        course.ensure();
        handIn("carol", "in-open");
    }

    @Test
    void staffSeeTheClassAtAGlanceAndStudentsDoNot() {
        TestLogins.as("tom").get("/api/assignments/in-open/overview").then().statusCode(200)
                .body("students", equalTo((int) enrolledStudents())).body("handedIn", greaterThanOrEqualTo(1))
                .body("histogram", hasSize(10)).body("queue.queued", greaterThanOrEqualTo(0));
        TestLogins.as("carol").get("/api/assignments/in-open/overview").then().statusCode(403);
    }

    @Test
    void staffRegradeEveryHandinNotAlreadyWaitingAndStudentsCannot() {
        String id = handIn("dave", "in-open");
        TestLogins.as("tom").post("/api/submissions/" + id + "/cancel").then().statusCode(204);
        TestLogins.as("dave").get("/api/submissions/" + id + "/result").then().body("status", equalTo("cancelled"));
        TestLogins.as("carol").post("/api/assignments/in-open/regrade").then().statusCode(403);
        TestLogins.as("tom").post("/api/assignments/in-open/regrade").then().statusCode(202)
                .body("queued", greaterThanOrEqualTo(1));
        TestLogins.as("dave").get("/api/submissions/" + id + "/result").then().body("status", equalTo("queued"));
        TestLogins.as("tom").post("/api/assignments/in-open/regrade").then().statusCode(202).body("queued", equalTo(0));
    }

    @Test
    void theHistogramPutsAScoreOnABinEdgeInTheBinItStarts() {
        record(handIn("alice", "in-dashboard"), 8, 10);
        record(handIn("bob", "in-dashboard"), 6, 10);
        record(handIn("dave", "in-dashboard"), 10, 10);
        TestLogins.as("ingrid").get("/api/assignments/in-dashboard/overview").then().statusCode(200)
                .body("histogram.count", equalTo(java.util.List.of(0, 0, 0, 0, 0, 0, 1, 0, 1, 1)))
                .body("histogram[8].fromPercent", equalTo(80));
    }

    private static String handIn(String user, String assignment) {
        return TestLogins.as(user).multiPart("code", "net.py", "x = 3\n".getBytes(StandardCharsets.UTF_8))
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/" + assignment + "/submissions").then().statusCode(201)
                .extract().path("submissionId");
    }

    /** A recorded score for the hand-in, as a worker would leave it (the test profile runs no worker). */
    private void record(String submissionId, double points, double max) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                with job as (update grading_job set state = 'done', finished_at = now()
                             where submission_id = cast(?1 as uuid) returning id, submission_id)
                insert into grading_result (job_id, submission_id, assignment_version, outcome, raw_points, max_points,
                    late_penalty_percent, late_sentence, final_points, provenance)
                select job.id, s.id, s.assignment_version, 'scored', ?2, ?3, 0, 'On time.', ?2, '{}'::jsonb
                from job join submission s on s.id = job.submission_id""")
                .setParameter(1, submissionId).setParameter(2, points).setParameter(3, max).executeUpdate());
    }

    @Test
    void theGradebookLinksEachStudentsCountedHandin() {
        String carols = TestLogins.as("carol").get("/api/submissions?assignment=in-open").then().statusCode(200)
                .extract().path("[0].id");
        TestLogins.as("tom").get("/api/courses/intake/gradebook?search=carol").then().statusCode(200)
                .body("[0].handIns.in-open", equalTo(carols));
    }

    @Test
    void theGradebookFiltersAndExportsCsv() {
        TestLogins.as("ingrid").get("/api/courses/intake/gradebook?filter=missing&assignment=in-closed").then()
                .statusCode(200).body("username", hasItem("carol"));
        TestLogins.as("ingrid").get("/api/courses/intake/gradebook?search=car").then().statusCode(200)
                .body("username", equalTo(java.util.List.of("carol")));
        TestLogins.as("ingrid").get("/api/courses/intake/gradebook.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString("username,name,in-chosen"))
                .body(containsString("\"carol\",\"Carol Ng\""));
        TestLogins.as("ingrid").get("/api/courses/intake/gradebook?filter=nonsense").then().statusCode(400);
        TestLogins.as("alice").get("/api/courses/intake/gradebook.csv").then().statusCode(403);
    }

    /** Students of the intake course; other tests enrol more of them (the concurrency tests' new students). */
    private long enrolledStudents() {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from enrolment where course_id = 'intake' and role = 'student'").getSingleResult()))
                .longValue();
    }
}

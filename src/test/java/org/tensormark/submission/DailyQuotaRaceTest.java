package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.NewStudents;
import org.tensormark.identity.SimultaneousRequests;
import org.tensormark.identity.TestLogins;

/** The daily quota under a burst of simultaneous uploads from one student. */
@QuarkusTest
class DailyQuotaRaceTest {

    private static final String BOUNDARY = "tensormark-race-boundary";

    @TestHTTPResource("/api/assignments/in-quota-race/submissions")
    URI handIns;

    @Inject
    IntakeCourse course;

    @Inject
    NewStudents students;

    @Inject
    EntityManager em;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void fiftySimultaneousUploadsAgainstALimitOfFiveStoreExactlyFiveAndRefuseTheRestWith429() {
        String student = students.enrolled(IntakeCourse.COURSE, 1).get(0);
        String token = TestLogins.token(student);
        List<HttpRequest> uploads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            uploads.add(HttpRequest.newBuilder(handIns).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(handIn(i))).build());
        }

        List<HttpResponse<String>> answers = SimultaneousRequests.send(uploads);

        String statuses = SimultaneousRequests.statuses(answers);
        assertEquals(5, storedFor(student), "hand-ins stored; answers: " + statuses);
        assertEquals(5, SimultaneousRequests.count(answers, 201), statuses);
        assertEquals(45, SimultaneousRequests.count(answers, 429), statuses);
        answers.stream().filter(r -> r.statusCode() == 429).forEach(r -> assertTrue(
                r.body().contains("all 5 hand-ins for today") && r.body().contains("the next one is possible from"),
                "a refusal names the limit and when it resets: " + r.body()));
    }

    private long storedFor(String username) {
        return ((Number) em.createNativeQuery("select count(*) from submission s join app_user u"
                        + " on u.id = s.submitter_id where s.assignment_id = 'in-quota-race' and u.username = ?1")
                .setParameter(1, username).getSingleResult()).longValue();
    }

    /** A multipart body with a code part that differs per upload and a report part. */
    private static byte[] handIn(int n) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, "code", "net.py", "text/x-python", ("def forward(x):\n    return x * " + n + "\n").getBytes(
                StandardCharsets.UTF_8));
        part(body, "report", "report.pdf", "application/pdf", IntakeResourceTest.PDF);
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static void part(ByteArrayOutputStream body, String name, String filename, String type, byte[] bytes) {
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(bytes);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}

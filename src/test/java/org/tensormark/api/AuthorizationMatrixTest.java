package org.tensormark.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/**
 * Every endpoint against every role: anonymous, the owner (alice), another student (bob), a TA,
 * an instructor, an admin, and a user of no course. Another user's ids answer 404 or 403, never data.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final String[] ROLES = {"anonymous", "alice", "bob", "tom", "ingrid", "admin", "outsider"};

    @Inject
    IntakeCourse course;

    @Inject
    Accounts accounts;

    private static String aliceSubmission;

    @BeforeEach
    void setUp() {
        course.ensure();
        if (accounts.byUsername("outsider").isEmpty()) {
            accounts.create("outsider", "Olga Outsider", "outsider-demo", false);
        }
        if (aliceSubmission == null) {
            aliceSubmission = TestLogins.as("alice").multiPart("code", "net.py", "x = 1\n".getBytes(StandardCharsets.UTF_8))
                    .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                    .post("/api/assignments/in-open/submissions").then().statusCode(201).extract().path("submissionId");
        }
    }

    private record Case(String method, String path, Object body, Map<String, Integer> expected) {
    }

    /** Expected statuses in ROLES order. */
    private static Map<String, Integer> statuses(int... codes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.length; i++) {
            m.put(ROLES[i], codes[i]);
        }
        return m;
    }

    private List<Case> cases() {
        String s = "/api/submissions/" + aliceSubmission;
        Map<String, Object> extension = Map.of("username", "bob", "dueAt", "2030-01-01T00:00:00Z", "reason", "illness");
        return List.of(
                //                                                  anon alice bob  tom  ingr admin outsider
                new Case("GET", "/api/me", null, statuses(401, 200, 200, 200, 200, 200, 200)),
                new Case("GET", "/api/courses", null, statuses(401, 200, 200, 200, 200, 200, 200)),
                new Case("GET", "/api/courses/intake/assignments", null, statuses(401, 200, 200, 200, 200, 200, 404)),
                new Case("GET", "/api/assignments/in-open", null, statuses(401, 200, 200, 200, 200, 200, 404)),
                new Case("GET", "/api/assignments/in-open/submissions", null, statuses(401, 403, 403, 200, 200, 200, 404)),
                new Case("GET", s, null, statuses(401, 200, 404, 200, 200, 200, 404)),
                new Case("GET", s + "/result", null, statuses(401, 200, 404, 200, 200, 200, 404)),
                new Case("POST", s + "/regrade", null, statuses(401, 403, 404, 202, 202, 202, 404)),
                new Case("POST", "/api/assignments/in-open/release-hidden", null, statuses(401, 403, 403, 403, 204, 204, 404)),
                new Case("POST", "/api/assignments/in-open/extensions", extension, statuses(401, 403, 403, 201, 201, 201, 404)),
                new Case("GET", "/api/me/tokens", null, statuses(401, 200, 200, 200, 200, 200, 200)),
                // not scored yet: staff get 409, everyone else is refused before that
                new Case("POST", s + "/manual", Map.of("checkId", "review", "points", 1),
                        statuses(401, 403, 404, 409, 409, 409, 404)),
                new Case("POST", s + "/override", Map.of("points", 1, "reason", "test"),
                        statuses(401, 403, 404, 403, 409, 409, 404)),
                new Case("POST", s + "/choose", null, statuses(401, 409, 404, 403, 403, 403, 404)),
                new Case("GET", "/api/audit?entityType=submission&entityId=" + aliceSubmission, null,
                        statuses(401, 403, 403, 403, 403, 200, 403)),
                new Case("GET", "/api/admin/sign-on-links", null, statuses(401, 403, 403, 403, 403, 200, 403)),
                new Case("POST", "/api/admin/sign-on-links", Map.of("username", "nobody-at-all", "issuer", "i",
                        "subject", "s"), statuses(401, 403, 403, 403, 403, 404, 403)));
    }

    private static RequestSpecification as(String role) {
        return role.equals("anonymous") ? given() : TestLogins.as(role);
    }

    @Test
    void everyEndpointAnswersEveryRoleAsItShould() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            for (Map.Entry<String, Integer> e : c.expected().entrySet()) {
                RequestSpecification request = as(e.getKey());
                if (c.body() != null) {
                    request = request.contentType(ContentType.JSON).body(c.body());
                }
                Response r = c.method().equals("GET") ? request.get(c.path()) : request.post(c.path());
                if (r.statusCode() != e.getValue()) {
                    wrong.add(c.method() + " " + c.path() + " as " + e.getKey() + ": " + r.statusCode() + " (expected "
                            + e.getValue() + ") " + r.asString());
                }
                if (r.statusCode() == 404 || r.statusCode() == 403) {
                    assertFalse(r.asString().contains("sha256"), "a refusal carries no data: " + r.asString());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}

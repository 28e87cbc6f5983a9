package org.tensormark.identity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class GroupResourceTest {

    @Inject
    IntakeCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void studentsFormAGroupByInviteCodeUpToItsSize() {
        String code = TestLogins.as("alice").contentType(ContentType.JSON).body(Map.of("name", "Perceptrons"))
                .post("/api/assignments/in-group/group").then().statusCode(201).extract().path("inviteCode");
        TestLogins.as("bob").contentType(ContentType.JSON).body(Map.of("inviteCode", code))
                .post("/api/assignments/in-group/group/join").then().statusCode(200)
                .body("members", hasSize(2)).body("members", hasItem("Bob Lim"));
        TestLogins.as("carol").contentType(ContentType.JSON).body(Map.of("inviteCode", code))
                .post("/api/assignments/in-group/group/join").then().statusCode(409)
                .body("message", containsString("full"));
        TestLogins.as("bob").post("/api/assignments/in-group/group/leave").then().statusCode(204);
        TestLogins.as("bob").get("/api/assignments/in-group/group").then().statusCode(404);
    }

    @Test
    void aGroupAssignmentNeedsAGroupBeforeHandingIn() {
        TestLogins.as("dave").multiPart("code", "net.py", "x = 1\n".getBytes())
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes())
                .post("/api/assignments/in-group/submissions").then().statusCode(409)
                .body("message", containsString("create or join a group"));
    }

    @Test
    void individualAssignmentsHaveNoGroups() {
        TestLogins.as("dave").contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/assignments/in-open/group").then().statusCode(400);
    }
}

package org.tensormark.course;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.NewStudents;
import org.tensormark.identity.SimultaneousRequests;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class GroupResourceTest {

    @Inject
    IntakeCourse course;

    @Inject
    NewStudents students;

    @TestHTTPResource("/api/assignments/in-group-race/group/join")
    URI raceJoin;

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

    @Test
    void tenSimultaneousJoinsFillAGroupOfThreeAndTheRestAreRefusedWith409() {
        List<String> people = students.enrolled("intake", 11);
        String code = createGroup(people.get(0), "in-group-race");
        List<HttpRequest> joins = people.subList(1, 11).stream().map(p -> HttpRequest.newBuilder(raceJoin)
                .header("Authorization", "Bearer " + TestLogins.token(p)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inviteCode\": \"" + code + "\"}")).build()).toList();

        List<HttpResponse<String>> answers = SimultaneousRequests.send(joins);

        String statuses = SimultaneousRequests.statuses(answers);
        TestLogins.as(people.get(0)).get("/api/assignments/in-group-race/group").then().statusCode(200)
                .body("members", hasSize(3));
        assertEquals(2, SimultaneousRequests.count(answers, 200), statuses);
        assertEquals(8, SimultaneousRequests.count(answers, 409), statuses);
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertTrue(r.body().contains("is full"),
                r.body()));
    }

    @Test
    void nobodyJoinsOrLeavesAGroupOnceItHasHandedIn() {
        List<String> people = students.enrolled("intake", 3);
        String code = createGroup(people.get(0), "in-group-race");
        join(people.get(1), "in-group-race", code).statusCode(200);
        TestLogins.as(people.get(0)).multiPart("code", "net.py", "x = 1\n".getBytes())
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes())
                .post("/api/assignments/in-group-race/submissions").then().statusCode(201);

        join(people.get(2), "in-group-race", code).statusCode(409)
                .body("message", containsString("has handed in already"));
        TestLogins.as(people.get(1)).post("/api/assignments/in-group-race/group/leave").then().statusCode(409)
                .body("message", containsString("has handed in already"));
        TestLogins.as(people.get(0)).get("/api/assignments/in-group-race/group").then().body("members", hasSize(2));
    }

    @Test
    void nobodyJoinsOrLeavesAGroupAfterTheDueTime() {
        List<String> people = students.enrolled("intake", 2);
        String code = createGroup(people.get(0), "in-group-past-due");

        join(people.get(1), "in-group-past-due", code).statusCode(409)
                .body("message", containsString("since the due time"));
        TestLogins.as(people.get(0)).post("/api/assignments/in-group-past-due/group/leave").then().statusCode(409)
                .body("message", containsString("since the due time"));
        TestLogins.as(people.get(0)).get("/api/assignments/in-group-past-due/group").then().body("members", hasSize(1));
    }

    private static String createGroup(String creator, String assignment) {
        return TestLogins.as(creator).contentType(ContentType.JSON).body(Map.of("name", "Group of " + creator))
                .post("/api/assignments/" + assignment + "/group").then().statusCode(201).extract().path("inviteCode");
    }

    private static ValidatableResponse join(String student, String assignment, String code) {
        return TestLogins.as(student).contentType(ContentType.JSON).body(Map.of("inviteCode", code))
                .post("/api/assignments/" + assignment + "/group/join").then();
    }
}

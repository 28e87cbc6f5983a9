package org.tensormark.project;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

/**
 * A group of three whose hand-in scored 80 of 100 rates itself; the instructor scales one member's
 * mark, and the dashboard's gradebook, its CSV and each member's own page show that member's
 * scaled mark with how it came about, and the others' unscaled.
 */
@QuarkusTest
class ScaledMarksTest {

    private static final String GRADEBOOK = "/api/courses/projtest/gradebook";

    @Inject
    ProjectCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    private static void rate(String rater, int alice, int bob, int carol) {
        TestLogins.as(rater).contentType("application/json")
                .body(Map.of("ratings", List.of(Map.of("username", "alice", "score", alice),
                        Map.of("username", "bob", "score", bob), Map.of("username", "carol", "score", carol))))
                .put("/api/assignments/pj-scale/peer-ratings").then().statusCode(204);
    }

    private static Map<String, Object> scale(double factor) {
        return Map.of("factor", factor, "reason", "peers rated Bob's contribution highest");
    }

    @Test
    void theInstructorsScaleOfOneMembersMarkIsWhatTheGradebookAndThatMembersPageShow() {
        rate("alice", 4, 5, 4);
        rate("bob", 4, 5, 4);
        rate("carol", 4, 5, 4);
        TestLogins.as("ingrid").contentType("application/json").body(scale(1.1))
                .put("/api/assignments/pj-scale/mark-scales/bob").then().statusCode(204);

        TestLogins.as("ingrid").get(GRADEBOOK).then().statusCode(200)
                .body("find { it.username == 'bob' }.finalPoints.'pj-scale'", equalTo(88.0f))
                .body("find { it.username == 'bob' }.scaled.'pj-scale'", equalTo("80 × 1.10 = 88"))
                .body("find { it.username == 'alice' }.finalPoints.'pj-scale'", equalTo(80.0f))
                .body("find { it.username == 'alice' }.scaled.'pj-scale'", nullValue());
        TestLogins.as("ingrid").get(GRADEBOOK + ".csv").then().statusCode(200)
                .body(containsString("pj-scale,pj-scale scaled"))
                .body(containsString("88.0,\"80 × 1.10 = 88\""));
        TestLogins.as("bob").get("/api/assignments/pj-scale/counted").then().statusCode(200)
                .body("finalPoints", equalTo(88.0f)).body("scaled", equalTo("80 × 1.10 = 88"));
        TestLogins.as("alice").get("/api/assignments/pj-scale/counted").then().statusCode(200)
                .body("finalPoints", equalTo(80.0f)).body("scaled", nullValue());
        TestLogins.as("admin").get("/api/audit?entityType=assignment&entityId=pj-scale/bob").then().statusCode(200)
                .body("action", hasItem("mark.scale"));
    }

    @Test
    void aScaleAboveTheMaximumIsCappedAndSaysSo() {
        TestLogins.as("ingrid").contentType("application/json").body(scale(1.5))
                .put("/api/assignments/pj-scale/mark-scales/carol").then().statusCode(204);
        TestLogins.as("carol").get("/api/assignments/pj-scale/counted").then().statusCode(200)
                .body("finalPoints", equalTo(100.0f)).body("scaled", equalTo("80 × 1.50 = 120, capped at 100"));
    }

    @Test
    void aTaOrAStudentCannotScaleAMark() {
        TestLogins.as("tom").contentType("application/json").body(scale(0.5))
                .put("/api/assignments/pj-scale/mark-scales/alice").then().statusCode(403);
        TestLogins.as("bob").contentType("application/json").body(scale(0.5))
                .put("/api/assignments/pj-scale/mark-scales/alice").then().statusCode(403);
        TestLogins.as("alice").get("/api/assignments/pj-scale/counted").then().statusCode(200)
                .body("finalPoints", equalTo(80.0f));
    }
}

package org.tensormark.project;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class PeerRatingsTest {

    @Inject
    ProjectCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    private static Map<String, Object> ratings(int alice, int bob, int carol) {
        return Map.of("ratings", List.of(Map.of("username", "alice", "score", alice, "comment", "ok"),
                Map.of("username", "bob", "score", bob, "comment", "ok"),
                Map.of("username", "carol", "score", carol, "comment", "missed meetings")));
    }

    @Test
    void membersRateEachOtherAfterTheDueTimeAndTheInstructorScalesAMarkWithAnAuditedReason() {
        TestLogins.as("alice").contentType("application/json")
                .body(Map.of("ratings", List.of(Map.of("username", "alice", "score", 5))))
                .put("/api/assignments/pj-peer/peer-ratings").then().statusCode(400)
                .body("message", containsString("alice, bob, carol"));
        TestLogins.as("alice").contentType("application/json").body(ratings(5, 4, 1))
                .put("/api/assignments/pj-peer/peer-ratings").then().statusCode(204);
        TestLogins.as("bob").contentType("application/json").body(ratings(5, 5, 2))
                .put("/api/assignments/pj-peer/peer-ratings").then().statusCode(204);

        TestLogins.as("tom").get("/api/assignments/pj-peer/peer-ratings").then().statusCode(200)
                .body("[0].members.find { it.username == 'carol' }.meanReceived", equalTo(1.5f))
                .body("[0].ratings.findAll { it.ratee == 'carol' }.comment", hasItem("missed meetings"));
        TestLogins.as("tom").contentType("application/json").body(Map.of("factor", 0.8, "reason", "ratings"))
                .put("/api/assignments/pj-peer/mark-scales/carol").then().statusCode(403);
        TestLogins.as("ingrid").contentType("application/json")
                .body(Map.of("factor", 0.8, "reason", "peers rated her contribution 1.5 of 5"))
                .put("/api/assignments/pj-peer/mark-scales/carol").then().statusCode(204);

        TestLogins.as("ingrid").get("/api/assignments/pj-peer/peer-ratings").then().statusCode(200)
                .body("[0].members.find { it.username == 'carol' }.scale", equalTo(0.8f))
                .body("[0].members.find { it.username == 'carol' }.scaleReason",
                        equalTo("peers rated her contribution 1.5 of 5"));
        TestLogins.as("admin").get("/api/audit?entityType=assignment&entityId=pj-peer/carol").then().statusCode(200)
                .body("action", hasItem("mark.scale"));
    }

    @Test
    void aScaleFactorOutsideZeroToOneAndAHalfIsRefused() {
        TestLogins.as("ingrid").contentType("application/json").body(Map.of("factor", 2, "reason", "generous"))
                .put("/api/assignments/pj-peer/mark-scales/bob").then().statusCode(400)
                .body("message", containsString("0 to 1.5"));
    }
}

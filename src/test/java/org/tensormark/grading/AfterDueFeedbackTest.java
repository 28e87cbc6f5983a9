package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/** What a student reads about a check that is withheld until the due time. */
@QuarkusTest
class AfterDueFeedbackTest {

    @Inject
    IntakeCourse course;

    @Inject
    Worker worker;

    @BeforeEach
    void start() {
        course.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void beforeTheDueTimeAnAfterDueCheckSaysWhenItsDetailsAppear() throws IOException {
        JsonPath r = GradingPipelineTest.handInAndWait("alice", "in-withheld", "net.py",
                "x = 1\n".getBytes(StandardCharsets.UTF_8), GradingPipelineTest.report("Introduction"));
        JsonPath assignment = TestLogins.as("alice").get("/api/assignments/in-withheld").then().statusCode(200)
                .extract().jsonPath();
        String due = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.ENGLISH).format(
                Instant.parse(assignment.getString("dueAt")).atZone(ZoneId.of(assignment.getString("timeZone"))));
        assertEquals("After-due check: details are shown after the due time (" + due + ").",
                r.getString("checks.find { it.id == 'review' }.summary"), r.prettify());
    }
}

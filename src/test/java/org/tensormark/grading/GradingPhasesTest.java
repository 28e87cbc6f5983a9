package org.tensormark.grading;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/** Every result says where its time went, and the dashboard's queue card shows the medians of the last hour. */
@QuarkusTest
class GradingPhasesTest {

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
    void aResultsProvenanceTimesEveryPhaseAndEachCall() throws IOException, InterruptedException {
        String id = GradingPipelineTest.handInAndWait("carol", GradingPipelineTest.SOLUTION,
                GradingPipelineTest.report("Introduction")).getString("submissionId");
        Map<String, Object> phases = phasesOnceRecorded(id);
        assertEquals(Set.copyOf(PhaseTimes.ORDER), phases.keySet(), "every phase");
        phases.forEach((phase, ms) -> assertTrue(((Number) ms).longValue() >= 0, phase + " = " + ms));
        assertTrue(number(phases, "sandboxStartMs") > 0, "starting a sandbox takes time: " + phases);
        assertTrue(number(phases, "harnessImportMs") > 0, "importing NumPy takes time: " + phases);
        Map<String, Object> calls = TestLogins.as("tom").get("/api/submissions/" + id + "/result").then()
                .statusCode(200).extract().jsonPath().getMap("provenance.callMs");
        assertTrue(calls.keySet().stream().anyMatch(c -> c.contains("softmax")), "each call's time: " + calls);
        assertTrue(calls.keySet().stream().anyMatch(c -> c.contains("relu")), "hidden calls too: " + calls);
    }

    @Test
    void theQueueCardShowsTheMedianOfEachPhaseOverTheLastHour() throws IOException, InterruptedException {
        String id = GradingPipelineTest.handInAndWait("carol", GradingPipelineTest.SOLUTION,
                GradingPipelineTest.report("Introduction")).getString("submissionId");
        phasesOnceRecorded(id);
        TestLogins.as("tom").get("/api/assignments/in-graded/overview").then().statusCode(200)
                .body("queue.timedResults", greaterThanOrEqualTo(1))
                .body("queue.phaseMediansMs", hasKey("queueWaitMs"))
                .body("queue.phaseMediansMs", hasKey("sandboxStartMs"))
                .body("queue.phaseMediansMs", hasKey("callsMs"))
                .body("queue.phaseMediansMs", hasKey("recordingMs"));
    }

    /** The phases once the recording time, written just after the result, is in. */
    private static Map<String, Object> phasesOnceRecorded(String submissionId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonPath result = TestLogins.as("tom").get("/api/submissions/" + submissionId + "/result").then()
                    .statusCode(200).extract().jsonPath();
            Map<String, Object> phases = result.getMap("provenance.phases");
            if (phases != null && phases.containsKey("recordingMs")) {
                return phases;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the result of " + submissionId + " never recorded its recording time");
    }

    private static long number(Map<String, Object> phases, String phase) {
        return ((Number) phases.get(phase)).longValue();
    }
}

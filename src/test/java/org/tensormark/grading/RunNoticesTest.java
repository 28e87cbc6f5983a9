package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's notices about the hand-in, read from results.json for the feedback. */
class RunNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHarnesssNoticesAreReadAndEachIsCapped() {
        String longNotice = "x".repeat(5_000);
        JobResults results = JobResults.stored(Map.of("results.json", ("{\"calls\": {}, \"notices\": "
                + "[\"The grader skipped what only works in Colab or Jupyter: ...\", \"" + longNotice + "\"]}")
                .getBytes(StandardCharsets.UTF_8)), "the program ended normally", JSON);
        List<String> notices = results.notices();
        assertEquals("The grader skipped what only works in Colab or Jupyter: ...", notices.get(0));
        assertEquals(2, notices.size());
        assertEquals(true, notices.get(1).length() < longNotice.length(), "capped: " + notices.get(1).length());
    }

    @Test
    void aRunWithoutResultsHasNoNotices() {
        assertEquals(List.of(), JobResults.none("the platform failed").notices());
    }
}

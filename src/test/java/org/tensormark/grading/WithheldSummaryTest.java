package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WithheldSummaryTest {

    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

    @Test
    void anAfterDueCheckSaysItAppearsAtTheDueTimeInTheCourseZone() {
        assertEquals("After-due check: details are shown after the due time (31 Jan 2027 23:59 SGT).",
                WithheldSummary.of("after_due", Instant.parse("2027-01-31T15:59:00Z").atZone(SINGAPORE)));
        assertEquals("After-due check: details are shown after the due time (1 Feb 2027 00:00:30 CET).",
                WithheldSummary.of("after_due", Instant.parse("2027-01-31T23:00:30Z").atZone(ZoneId.of("Europe/Berlin"))));
    }

    @Test
    void aHiddenCheckSaysItWaitsForTheInstructor() {
        assertEquals("Hidden check: details are shown when your instructor releases them.",
                WithheldSummary.of("hidden", Instant.parse("2027-01-31T15:59:00Z").atZone(SINGAPORE)));
    }
}

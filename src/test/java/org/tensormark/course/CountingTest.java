package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CountingTest {

    private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID THIRD = UUID.fromString("00000000-0000-0000-0000-000000000003");

    private static Counting.Candidate handin(UUID id, int minute, boolean chosen, Double points) {
        return new Counting.Candidate(id, Instant.parse("2026-03-15T10:00:00Z").plusSeconds(60L * minute), chosen, points);
    }

    @Test
    void theLastRuleTakesTheNewestHandinWhateverItScored() {
        assertEquals(THIRD, Counting.LAST.pick(List.of(handin(FIRST, 1, true, 10.0), handin(THIRD, 3, false, 1.0),
                handin(SECOND, 2, false, 9.0))).orElseThrow().submissionId());
    }

    @Test
    void theBestRuleTakesTheHighestFinalScoreAndTheLaterOfTwoEqualOnes() {
        assertEquals(SECOND, Counting.BEST.pick(List.of(handin(FIRST, 1, false, 8.0), handin(SECOND, 2, false, 9.5),
                handin(THIRD, 3, false, 7.0))).orElseThrow().submissionId());
        assertEquals(THIRD, Counting.BEST.pick(List.of(handin(FIRST, 1, false, 8.0), handin(THIRD, 3, false, 8.0)))
                .orElseThrow().submissionId());
    }

    @Test
    void theBestRulePrefersAnyScoredHandinToOneNotScoredYet() {
        assertEquals(FIRST, Counting.BEST.pick(List.of(handin(FIRST, 1, false, 0.0), handin(SECOND, 2, false, null)))
                .orElseThrow().submissionId());
        assertEquals(SECOND, Counting.BEST.pick(List.of(handin(FIRST, 1, false, null), handin(SECOND, 2, false, null)))
                .orElseThrow().submissionId());
    }

    @Test
    void theChosenRuleTakesTheChosenHandinElseTheLast() {
        assertEquals(FIRST, Counting.CHOSEN.pick(List.of(handin(FIRST, 1, true, 1.0), handin(SECOND, 2, false, 10.0)))
                .orElseThrow().submissionId());
        assertEquals(SECOND, Counting.CHOSEN.pick(List.of(handin(FIRST, 1, false, 1.0), handin(SECOND, 2, false, 0.0)))
                .orElseThrow().submissionId());
    }

    @Test
    void nobodyCountsWithoutAHandin() {
        assertTrue(Counting.LAST.pick(List.of()).isEmpty());
    }
}

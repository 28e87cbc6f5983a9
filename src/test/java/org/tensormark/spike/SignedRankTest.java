package org.tensormark.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact one-sided signed-rank test against values counted by hand and the tables'. */
class SignedRankTest {

    @Test
    void fiveLargerFirstsAreTheOneOrderingOfThirtyTwoThatShowsIt() {
        SignedRank test = SignedRank.of(List.of(1L, 2L, 3L, 4L, 5L));

        assertEquals(5, test.larger());
        assertEquals(0, test.smaller());
        assertEquals(1.0 / 32, test.p(), 1e-12);
        assertTrue(test.canShow());
        assertTrue(test.shownLarger());
    }

    @Test
    void theSmallestDifferenceGoingTheOtherWayLeavesTwoOrderingsAsExtreme() {
        SignedRank test = SignedRank.of(List.of(-1L, 2L, 3L, 4L, 5L)); // rank sum 14 of 15: all, or all but rank 1

        assertEquals(2.0 / 32, test.p(), 1e-12);
        assertFalse(test.shownLarger());
    }

    @Test
    void tiedDifferencesShareTheirRanksAndEqualPairsAreLeftOut() {
        // |3| three times: ranks 1, 2, 3 shared as 2 each; 12 is rank 4. Larger: 12 and two 3s, 8 of 10.
        SignedRank test = SignedRank.of(List.of(3L, 0L, -3L, 12L, 3L, 0L));

        assertEquals(3, test.larger());
        assertEquals(1, test.smaller());
        // sign patterns of (2, 2, 2, 4) whose positive sum is at least 8: 4+2+2 three ways, and all four
        assertEquals(4.0 / 16, test.p(), 1e-12);
        assertFalse(test.canShow());
    }

    @Test
    void theFirstsSmallerEverywhereAreAsFarFromShownLargerAsCanBe() {
        SignedRank test = SignedRank.of(List.of(-4L, -9L, -1L, -7L, -2L, -3L));

        assertEquals(1.0, test.p(), 1e-12);
        assertFalse(test.shownLarger());
    }

    @Test
    void theTablesCriticalValueForTenPairsAtFivePercent() {
        // n = 10, one-sided 5 %: the smaller rank sum must be at most 10 (p 0.042); 11 gives 0.053
        SignedRank atTen = SignedRank.of(List.of(-1L, -2L, -3L, -4L, 5L, 6L, 7L, 8L, 9L, 10L));
        SignedRank atEleven = SignedRank.of(List.of(-1L, -2L, -3L, 4L, -5L, 6L, 7L, 8L, 9L, 10L));

        assertEquals(0.042, atTen.p(), 0.0005);
        assertTrue(atTen.shownLarger());
        assertEquals(0.053, atEleven.p(), 0.0005);
        assertFalse(atEleven.shownLarger());
    }

    @Test
    void noPairThatDiffersShowsNothing() {
        SignedRank test = SignedRank.of(List.of(0L, 0L));

        assertEquals(1.0, test.p(), 1e-12);
        assertFalse(test.canShow());
    }

    @Test
    void moreThanTheExactTestEnumeratesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignedRank.of(Collections.nCopies(SignedRank.MAX_PAIRS + 1, 1L)));
        assertTrue(e.getMessage().contains("at most 20 pairs"), e.getMessage());
    }
}

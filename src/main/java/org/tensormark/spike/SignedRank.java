package org.tensormark.spike;

import java.util.Arrays;
import java.util.List;

/**
 * Wilcoxon's signed-rank test of paired figures, exact and one-sided: whether the first of each
 * pair is shown larger than the second. Each start of the spike benchmark gives one pair (the
 * first hand-in's platform overhead and the tenth's); a single hand-in's overhead swings by 10-40
 * ms with the disk's flushes and the CPUs' other work (README "Measuring"), so comparing the two
 * medians says "slower" about half the time even when the first is not slower at all.
 *
 * @param larger  pairs whose first figure is the larger
 * @param smaller pairs whose first figure is the smaller
 * @param p       the chance of a sum of the larger pairs' ranks at least the one seen, were each
 *                difference as likely positive as negative (1 when every pair is equal)
 */
record SignedRank(int larger, int smaller, double p) {

    /** The most pairs the exact test enumerates (every start of {@code --starts 20}). */
    static final int MAX_PAIRS = 20;

    /** The level below which the first is shown larger. */
    static final double LEVEL = 0.05;

    /** Pairs that differ needed before the test can show anything at {@link #LEVEL}: 2^-5 is the first below it. */
    static final int PAIRS_TO_SHOW = 5;

    /** The test of {@code differences}, each the first of a pair minus the second; equal pairs are left out. */
    static SignedRank of(List<Long> differences) {
        long[] nonZero = differences.stream().mapToLong(Long::longValue).filter(d -> d != 0).toArray();
        int n = nonZero.length;
        if (n > MAX_PAIRS) {
            throw new IllegalArgumentException("the exact test takes at most " + MAX_PAIRS + " pairs, not " + n);
        }
        long[] doubledRanks = doubledRanks(nonZero);
        long seen = 0;
        int larger = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                seen += doubledRanks[i];
                larger++;
            }
        }
        long atLeast = 0;
        for (int signs = 0; signs < 1 << n; signs++) { // every way the signs could have fallen, each as likely
            long sum = 0;
            for (int i = 0; i < n; i++) {
                if ((signs & 1 << i) != 0) {
                    sum += doubledRanks[i];
                }
            }
            if (sum >= seen) {
                atLeast++;
            }
        }
        return new SignedRank(larger, n - larger, (double) atLeast / (1L << n));
    }

    /** Whether the first figures are shown larger at {@link #LEVEL}. */
    boolean shownLarger() {
        return p < LEVEL;
    }

    /** Whether enough pairs differ for the test to show anything at {@link #LEVEL}. */
    boolean canShow() {
        return larger + smaller >= PAIRS_TO_SHOW;
    }

    /** Twice the rank of each absolute difference, 2 for the smallest; tied differences share their mean rank. */
    private static long[] doubledRanks(long[] differences) {
        int n = differences.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(Math.abs(differences[a]), Math.abs(differences[b])));
        long[] ranks = new long[n];
        int from = 0;
        while (from < n) {
            int to = from;
            while (to + 1 < n && Math.abs(differences[order[to + 1]]) == Math.abs(differences[order[from]])) {
                to++;
            }
            long doubledMean = (from + 1) + (to + 1); // ranks from+1 .. to+1, their mean doubled
            for (int k = from; k <= to; k++) {
                ranks[order[k]] = doubledMean;
            }
            from = to + 1;
        }
        return ranks;
    }
}

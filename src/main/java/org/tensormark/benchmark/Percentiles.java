package org.tensormark.benchmark;

import java.util.Collection;

/** Percentiles as the benchmarks print them. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The nearest-rank {@code p}th percentile of {@code values} (in any order); 0 for none. */
    public static double nearestRank(Collection<? extends Number> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}

package org.tensormark.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Patterns behind wrong values that a student can act on: a flipped sign, a constant factor
 * (a sum instead of a mean, a forgotten scale), a constant offset (a missing bias), a transposed
 * square matrix.
 */
final class ValueHints {

    private ValueHints() {
    }

    /** A hint such as "values match up to a sign", or an empty string where no pattern holds. */
    static String hint(Tensor expected, Tensor actual, Tolerance tol) {
        double[] e = expected.values();
        double[] a = actual.values();
        if (!allFinite(e) || !allFinite(a) || e.length == 0) {
            return "";
        }
        List<String> hints = new ArrayList<>();
        double squares = 0;
        double dot = 0;
        double offset = 0;
        for (int i = 0; i < e.length; i++) {
            squares += e[i] * e[i];
            dot += e[i] * a[i];
            offset += a[i] - e[i];
        }
        double factor = squares == 0 ? Double.NaN : dot / squares;
        double shift = offset / e.length;
        boolean several = nonZero(e) >= 2;
        if (squares > 0 && Layouts.allClose(e, a, tol, x -> -x)) {
            hints.add("values match up to a sign");
        } else if (several && Layouts.allClose(e, a, tol, x -> factor * x)) {
            hints.add("off by a constant factor " + Figures.brief(factor) + " (got = " + Figures.brief(factor)
                    + " × expected)");
        } else if (e.length >= 2 && Layouts.allClose(e, a, tol, x -> x + shift)) {
            hints.add("off by a constant " + Figures.value(shift) + " everywhere: a missing or extra bias?");
        }
        if (transposed(expected, actual, tol)) {
            hints.add("the values match the transpose: is the weight matrix transposed?");
        }
        return String.join("; ", hints);
    }

    private static boolean transposed(Tensor expected, Tensor actual, Tolerance tol) {
        long[] shape = expected.shape();
        return expected.rank() == 2 && shape[0] == shape[1] && shape[0] > 1
                && Layouts.allClose(expected.values(), Layouts.transpose(actual, new int[] {1, 0}), tol);
    }

    private static int nonZero(double[] values) {
        int count = 0;
        for (double v : values) {
            count += v == 0 ? 0 : 1;
        }
        return count;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

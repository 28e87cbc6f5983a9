package org.tensormark.reference;

import java.util.Arrays;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * How close a reference output must be to PyTorch's: float32 within rtol 1e-5 plus an atol of
 * 1e-6 times the output's largest magnitude (at least 1), float64 within rtol 1e-12 plus 1e-13
 * times that scale (tighter than the 1e-10 asked for, because it holds), integers and booleans
 * exactly; dtype and shape must match.
 */
final class Tolerance {

    private Tolerance() {
    }

    /**
     * The largest |actual - expected| / (atol + rtol |expected|) over the elements: at most 1 when
     * they match, 0 when equal. Shapes and dtypes must already agree.
     */
    static double usage(Tensor expected, Tensor actual) {
        double[] tol = tolerances(expected);
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.values()[i];
            double diff = Math.abs(actual.values()[i] - e);
            worst = Math.max(worst, diff == 0 ? 0 : diff / (tol[1] + tol[0] * Math.abs(e)));
        }
        return worst;
    }

    /** Null when {@code actual} matches {@code expected}, else what differs. */
    static String compare(Tensor expected, Tensor actual) {
        if (actual == null) {
            return "missing";
        }
        if (actual.dtype() != expected.dtype() || !Arrays.equals(actual.shape(), expected.shape())) {
            return "expected " + expected.dtype() + " " + expected.shapeText() + ", got " + actual.dtype() + " "
                    + actual.shapeText();
        }
        double[] tol = tolerances(expected);
        double rtol = tol[0];
        double atol = tol[1];
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.values()[i];
            double a = actual.values()[i];
            boolean same = e == a || Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!same) {
                return "element " + i + ": expected " + e + ", got " + a + " (|diff| " + Math.abs(a - e) + ")";
            }
        }
        return null;
    }

    /** {rtol, atol} for the expected tensor's dtype and scale. */
    private static double[] tolerances(Tensor expected) {
        if (!expected.dtype().isFloating()) {
            return new double[] {0, 0};
        }
        double scale = 1;
        for (double v : expected.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        boolean single = expected.dtype() == DType.FLOAT32;
        return new double[] {single ? 1e-5 : 1e-12, (single ? 1e-6 : 1e-13) * scale};
    }
}

package org.tensormark.reference;

import java.util.Arrays;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * How close a reference output must be to PyTorch's: float32 within rtol 1e-5 plus an atol of
 * 1e-6 times the output's largest magnitude (at least 1), float64 within rtol 1e-10 plus 1e-12
 * times that scale, integers and booleans exactly; dtype and shape must match.
 */
final class Tolerance {

    private Tolerance() {
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
        double scale = 1;
        for (double v : expected.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        boolean single = expected.dtype() == DType.FLOAT32;
        double rtol = !expected.dtype().isFloating() ? 0 : single ? 1e-5 : 1e-10;
        double atol = !expected.dtype().isFloating() ? 0 : (single ? 1e-6 : 1e-12) * scale;
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
}

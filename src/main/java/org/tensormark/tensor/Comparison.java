package org.tensormark.tensor;

import org.tensormark.tensor.ComparisonResult.Verdict;

/**
 * Compares a hand-in's tensor with the reference and explains the difference to the student.
 * Checks run in order (shape, dtype, finiteness, values) and the first failure decides the
 * verdict. Values use {@code numpy.allclose} semantics (see {@link Tolerance}). The comparison
 * is one pass over the values; the hints that try rearrangements run only after a failure.
 */
public final class Comparison {

    private Comparison() {
    }

    public static ComparisonResult of(String name, Tensor expected, Tensor actual, Tolerance tol) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            return figureless(name, Verdict.SHAPE, expected, actual, ShapeHints.explain(expected, actual, tol));
        }
        if (!tol.allows(expected.dtype(), actual.dtype())) {
            return figureless(name, Verdict.DTYPE, expected, actual, dtypeText(expected.dtype(), actual.dtype()));
        }
        ElementStats stats = ElementStats.scan(expected, actual, tol);
        Verdict verdict = stats.firstNonFinite() >= 0 ? Verdict.NOT_FINITE
                : stats.mismatches() > 0 ? Verdict.VALUES : Verdict.OK;
        String text = switch (verdict) {
            case NOT_FINITE -> notFiniteText(expected, actual, stats);
            case VALUES -> valuesText(expected, actual, tol, stats);
            default -> okText(expected, stats);
        };
        long[] worst = stats.worst() < 0 ? null : Indices.of(expected.shape(), stats.worst());
        long[] firstNonFinite = stats.firstNonFinite() < 0 ? null
                : Indices.of(expected.shape(), stats.firstNonFinite());
        return new ComparisonResult(name, verdict, expected.dtype(), actual.dtype(), expected.shape(),
                actual.shape(), stats.mismatches(), expected.size(), stats.maxAbsError(), stats.maxRelError(),
                worst, worst == null ? Double.NaN : expected.values()[stats.worst()],
                worst == null ? Double.NaN : actual.values()[stats.worst()], firstNonFinite, text);
    }

    private static ComparisonResult figureless(String name, Verdict verdict, Tensor expected, Tensor actual,
            String text) {
        return new ComparisonResult(name, verdict, expected.dtype(), actual.dtype(), expected.shape(),
                actual.shape(), 0, expected.size(), Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, null,
                text);
    }

    private static String dtypeText(DType expected, DType actual) {
        String text = "expected dtype " + expected.numpyName() + ", got " + actual.numpyName();
        if (expected.isFloating() && !actual.isFloating()) {
            return text + " — integer division, argmax or a comparison where a float was due? "
                    + "cast with .astype(np." + expected.numpyName() + ")";
        }
        return text + " — cast with .astype(np." + expected.numpyName() + ")"
                + (expected == DType.FLOAT32 ? " (torch: .float())" : "");
    }

    private static String notFiniteText(Tensor expected, Tensor actual, ElementStats stats) {
        double bad = actual.values()[stats.firstNonFinite()];
        String where = Indices.text(Indices.of(expected.shape(), stats.firstNonFinite()));
        String cause;
        if (Double.isNaN(bad)) {
            cause = "an overflow? (for softmax subtract the max first)";
        } else if (bad > 0) {
            cause = "an overflow? (exp of a large value; for softmax subtract the max first)";
        } else {
            cause = "log of 0? (clip probabilities, e.g. np.clip(p, 1e-7, 1 - 1e-7))";
        }
        String count = stats.nonFinite() > 1 ? " (" + stats.nonFinite() + " of " + expected.size()
                + " values are NaN or infinite)" : "";
        return "got " + Figures.value(bad) + " at " + where + ": " + cause + count;
    }

    private static String valuesText(Tensor expected, Tensor actual, Tolerance tol, ElementStats stats) {
        int i = stats.worst();
        double e = expected.values()[i];
        double a = actual.values()[i];
        double abs = Math.abs(a - e);
        String rel = e == 0 ? "expected is 0" : "rel " + Figures.percent(abs / Math.abs(e));
        String at = Indices.text(Indices.of(expected.shape(), i));
        String where = expected.size() == 1 ? "the value differs: expected "
                : stats.mismatches() == 1 ? "1 of " + expected.size() + " values differs, at " + at + ": expected "
                : stats.mismatches() + " of " + expected.size() + " values differ; worst at " + at + ": expected ";
        String text = where + Figures.value(e, expected.dtype())
                + ", got " + Figures.value(a, actual.dtype()) + " (abs error " + Figures.value(abs) + ", " + rel
                + "; allowed " + Figures.exact(tol.atol()) + " + " + Figures.exact(tol.rtol()) + " × |expected|)";
        String hint = ValueHints.hint(expected, actual, tol);
        return hint.isEmpty() ? text : text + " — " + hint;
    }

    private static String okText(Tensor expected, ElementStats stats) {
        if (expected.size() == 0) {
            return "shape " + expected.shapeText() + " matches (no values to compare)";
        }
        if (expected.size() == 1) {
            return "the value matches (abs error " + Figures.value(stats.maxAbsError()) + ")";
        }
        return "all " + expected.size() + " values match (max abs error " + Figures.value(stats.maxAbsError()) + ")";
    }
}

package org.tensormark.tensor;

/**
 * How close a hand-in's tensor must be to the reference, with {@code numpy.allclose} semantics:
 * an element passes when {@code |actual - expected| <= atol + rtol * |expected|}; infinities pass
 * only when equal, NaN only against NaN and only when {@code nanEqual}.
 *
 * @param rtol      relative tolerance, {@code >= 0}
 * @param atol      absolute tolerance, {@code >= 0}
 * @param dtypeRule which dtype differences are accepted
 * @param nanEqual  whether NaN in both tensors at the same index counts as equal
 */
public record Tolerance(double rtol, double atol, DTypeRule dtypeRule, boolean nanEqual) {

    /** numpy.allclose's defaults (rtol 1e-5, atol 1e-8), any float dtype for a float, NaN never equal. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-8, DTypeRule.SAME_KIND, false);

    /** Which dtype a hand-in may return for an expected dtype. */
    public enum DTypeRule {
        /** Exactly the expected dtype. */
        EXACT,
        /** The same kind: any float for a float, any integer for an integer, bool for bool. */
        SAME_KIND,
        /** Any numeric dtype; values are compared after casting. */
        CAST
    }

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("tolerances must be finite and >= 0, got rtol " + rtol
                    + ", atol " + atol);
        }
        if (dtypeRule == null) {
            throw new IllegalArgumentException("dtypeRule is required");
        }
    }

    /** The given rtol and atol with the default dtype rule and NaN handling. */
    public static Tolerance of(double rtol, double atol) {
        return new Tolerance(rtol, atol, DTypeRule.SAME_KIND, false);
    }

    public Tolerance withDTypeRule(DTypeRule rule) {
        return new Tolerance(rtol, atol, rule, nanEqual);
    }

    public Tolerance withNanEqual(boolean equal) {
        return new Tolerance(rtol, atol, dtypeRule, equal);
    }

    /** numpy.isclose for one pair of values. */
    public boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return nanEqual && Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /** Whether a tensor of dtype {@code actual} may stand for one of dtype {@code expected}. */
    public boolean allows(DType expected, DType actual) {
        return switch (dtypeRule) {
            case EXACT -> expected == actual;
            case SAME_KIND -> kind(expected) == kind(actual);
            case CAST -> true;
        };
    }

    private static int kind(DType dtype) {
        if (dtype.isFloating()) {
            return 0;
        }
        return dtype == DType.BOOL ? 2 : 1;
    }
}

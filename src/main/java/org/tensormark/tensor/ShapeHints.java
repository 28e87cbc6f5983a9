package org.tensormark.tensor;

import java.util.Arrays;

/**
 * Explains a shape mismatch the way a TA would: by trying the mistakes students make (a transposed
 * weight matrix, a stray size-1 axis, an accidental broadcast) and saying which one fits.
 */
final class ShapeHints {

    private ShapeHints() {
    }

    static String explain(Tensor expected, Tensor actual, Tolerance tol) {
        String head = "expected shape " + expected.shapeText() + ", got " + actual.shapeText();
        String hint = expected.size() == actual.size() ? sameSize(expected, actual, tol)
                : differentSize(expected, actual);
        return hint.isEmpty() ? head : head + " — " + hint;
    }

    private static String sameSize(Tensor expected, Tensor actual, Tolerance tol) {
        if (expected.size() > 0 && expected.rank() == actual.rank()) {
            String permuted = permutation(expected, actual, tol);
            if (!permuted.isEmpty()) {
                return permuted;
            }
        }
        boolean flatMatch = Layouts.allClose(expected.values(), actual.values(), tol);
        if (flatMatch && Arrays.equals(Layouts.squeezed(expected.shape()), Layouts.squeezed(actual.shape()))) {
            return squeezeHint(expected, actual);
        }
        if (flatMatch) {
            return "the values match in row-major order: reshape to " + expected.shapeText();
        }
        if (expected.rank() == 2 && actual.rank() == 2 && expected.shape()[0] == actual.shape()[1]) {
            return "is the weight matrix transposed? (the values do not match after transposing either)";
        }
        return "the values do not match after a reshape or transpose either";
    }

    private static String permutation(Tensor expected, Tensor actual, Tolerance tol) {
        int[] fix = null;
        for (int[] perm : Layouts.permutations(actual.rank())) {
            if (Arrays.equals(Layouts.permuted(actual.shape(), perm), expected.shape())
                    && Layouts.allClose(expected.values(), Layouts.transpose(actual, perm), tol)) {
                fix = perm;
                break;
            }
        }
        if (fix == null) {
            return "";
        }
        if (actual.rank() == 2) {
            return "is the weight matrix transposed?";
        }
        return "the values match after np.transpose(a, " + DType.shapeText(Arrays.stream(fix)
                .asLongStream().toArray()) + "): check the order of the axes (batch first?)";
    }

    private static String squeezeHint(Tensor expected, Tensor actual) {
        if (actual.rank() < expected.rank()) {
            return "the values match after reshaping: keep the size-1 axes (e.g. keepdims=True)";
        }
        return switch (expected.rank()) {
            case 0 -> "the values match after squeezing: return a 0-d array (a single value)";
            case 1 -> "the values match after squeezing: return a 1-d array";
            default -> "the values match after squeezing: return shape " + expected.shapeText();
        };
    }

    private static String differentSize(Tensor expected, Tensor actual) {
        long[] e = Layouts.squeezed(expected.shape());
        long[] a = actual.shape();
        if (e.length == 1 && a.length == 2 && a[0] == e[0] && a[1] == e[0] && e[0] > 1) {
            return "a (" + e[0] + ", 1) array broadcast against a (" + e[0] + ",) one? check the shapes of both "
                    + "operands of the subtraction or product";
        }
        if (expected.rank() == actual.rank() + 1 && Arrays.equals(tail(expected.shape()), actual.shape())) {
            return "the first (batch) axis of size " + expected.shape()[0] + " is missing";
        }
        if (expected.rank() == actual.rank() && expected.rank() > 1 && expected.shape()[0] != actual.shape()[0]
                && Arrays.equals(tail(expected.shape()), tail(actual.shape()))) {
            long rows = expected.shape()[0];
            return "expected " + rows + (rows == 1 ? " row (example)" : " rows (examples)") + ", got "
                    + actual.shape()[0];
        }
        if (expected.rank() == actual.rank() + 1) {
            return "an axis is missing: a sum or mean over the wrong axis?";
        }
        return expected.size() + (expected.size() == 1 ? " value" : " values") + " expected, " + actual.size()
                + " returned";
    }

    private static long[] tail(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}

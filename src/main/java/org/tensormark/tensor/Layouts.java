package org.tensormark.tensor;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Rearrangements of a tensor's values that explain shape mistakes: transposes, squeezes, scalings. */
final class Layouts {

    private Layouts() {
    }

    /** The values of {@code t} with its axes reordered, as {@code np.transpose(t, perm)}. */
    static double[] transpose(Tensor t, int[] perm) {
        long[] strides = Indices.strides(t.shape());
        long[] shape = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = t.shape()[perm[i]];
        }
        double[] out = new double[t.size()];
        for (int flat = 0; flat < out.length; flat++) {
            long[] index = Indices.of(shape, flat);
            long source = 0;
            for (int i = 0; i < perm.length; i++) {
                source += index[i] * strides[perm[i]];
            }
            out[flat] = t.values()[(int) source];
        }
        return out;
    }

    /**
     * Values stored in Fortran order (the first axis varies fastest) rearranged into C order, as
     * {@code np.ascontiguousarray} would; one pass, no allocation per element.
     */
    static double[] fromFortranOrder(double[] values, long[] shape) {
        if (shape.length < 2) {
            return values;
        }
        long[] strides = Indices.strides(shape);
        long[] index = new long[shape.length];
        double[] out = new double[values.length];
        long target = 0;
        for (double v : values) {
            out[(int) target] = v;
            for (int axis = 0; axis < shape.length; axis++) {
                if (++index[axis] < shape[axis]) {
                    target += strides[axis];
                    break;
                }
                target -= (shape[axis] - 1) * strides[axis];
                index[axis] = 0;
            }
        }
        return out;
    }

    /** The shape {@code t} has after {@code np.transpose(t, perm)}. */
    static long[] permuted(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }

    /** The shape without its size-1 axes, as {@code np.squeeze}. */
    static long[] squeezed(long[] shape) {
        return Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    /** Whether every {@code f(expected[i])} is close to {@code actual[i]}. */
    static boolean allClose(double[] expected, double[] actual, Tolerance tol, DoubleUnaryOperator f) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!tol.close(f.applyAsDouble(expected[i]), actual[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean allClose(double[] expected, double[] actual, Tolerance tol) {
        return allClose(expected, actual, tol, DoubleUnaryOperator.identity());
    }

    /** Every permutation of {@code 0..rank-1} except the identity, for ranks up to 4. */
    static int[][] permutations(int rank) {
        if (rank < 2 || rank > 4) {
            return new int[0][];
        }
        java.util.List<int[]> all = new java.util.ArrayList<>();
        permute(new int[rank], new boolean[rank], 0, all);
        return all.stream().skip(1).toArray(int[][]::new);
    }

    private static void permute(int[] current, boolean[] used, int depth, java.util.List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int axis = 0; axis < current.length; axis++) {
            if (!used[axis]) {
                used[axis] = true;
                current[depth] = axis;
                permute(current, used, depth + 1, out);
                used[axis] = false;
            }
        }
    }
}

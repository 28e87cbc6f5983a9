package org.tensormark.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Conversions between flat row-major positions and multi-dimensional indices. */
final class Indices {

    private Indices() {
    }

    /** The multi-dimensional index of flat position {@code flat} in C order. */
    static long[] of(long[] shape, long flat) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = shape[axis] == 0 ? 0 : rest % shape[axis];
            rest = shape[axis] == 0 ? 0 : rest / shape[axis];
        }
        return index;
    }

    /** Row-major strides, in elements. */
    static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    /** An index as a student reads it: {@code [2, 1]}, or {@code []} for a 0-d array. */
    static String text(long[] index) {
        return Arrays.stream(index).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}

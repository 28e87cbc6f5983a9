package org.tensormark.tensor;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The element types TensorMark exchanges, with their NumPy names and descriptor codes. */
public enum DType {
    FLOAT32("float32", "<f4", 4, true),
    FLOAT64("float64", "<f8", 8, true),
    INT32("int32", "<i4", 4, false),
    INT64("int64", "<i8", 8, false),
    UINT8("uint8", "|u1", 1, false),
    BOOL("bool", "|b1", 1, false);

    private final String numpyName;
    private final String descriptor;
    private final int bytes;
    private final boolean floating;

    DType(String numpyName, String descriptor, int bytes, boolean floating) {
        this.numpyName = numpyName;
        this.descriptor = descriptor;
        this.bytes = bytes;
        this.floating = floating;
    }

    public String numpyName() {
        return numpyName;
    }

    /** The little-endian NumPy descriptor, e.g. {@code <f4}. */
    public String descriptor() {
        return descriptor;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return floating;
    }

    /** A shape as NumPy prints it: {@code (4, 3)}, {@code (5,)}, {@code ()}. */
    public static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}

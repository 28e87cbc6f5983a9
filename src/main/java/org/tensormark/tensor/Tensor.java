package org.tensormark.tensor;

import java.util.Arrays;

/**
 * A plain n-dimensional array as exchanged with hand-ins and the reference library: a dtype, a
 * shape in C (row-major) order and the values. Values are held as doubles, which represent every
 * float32, float64, int32, bool and uint8 value exactly (int64 exactly up to 2^53).
 */
public record Tensor(DType dtype, long[] shape, double[] values) {

    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
    }

    public static Tensor scalar(DType dtype, double value) {
        return new Tensor(dtype, new long[0], new double[] {value});
    }

    public static Tensor of(DType dtype, long[] shape, double... values) {
        return new Tensor(dtype, shape, values);
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return values.length;
    }

    /** The single value of a tensor with one element (a 0-d array or shape (1,)). */
    public double item() {
        if (values.length != 1) {
            throw new IllegalArgumentException("expected a single value, got shape " + Arrays.toString(shape));
        }
        return values[0];
    }

    public String shapeText() {
        return DType.shapeText(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype.numpyName() + " " + shapeText() + "]";
    }
}

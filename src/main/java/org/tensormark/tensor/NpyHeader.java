package org.tensormark.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed header of one .npy array: its dtype, its shape and whether the data that follows is
 * in Fortran (column-major) order, as NumPy saves a transpose such as {@code y.T}.
 */
record NpyHeader(DType dtype, long[] shape, long size, boolean fortranOrder) {

    /** Java arrays hold at most this many elements. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    static NpyHeader parse(String entry, String text) {
        Map<String, Object> dict = DictLiteral.parse(entry, text);
        if (!dict.keySet().equals(KEYS)) {
            throw new TensorFormatException(entry, "the .npy header must have exactly the keys descr, "
                    + "fortran_order and shape, got " + dict.keySet());
        }
        DType dtype = NpyDescriptors.dtypeOf(entry, dict.get("descr"));
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new TensorFormatException(entry, "fortran_order must be True or False");
        }
        long[] shape = shape(entry, dict.get("shape"));
        return new NpyHeader(dtype, shape, size(entry, shape), fortran);
    }

    /** The header text NumPy would write for a tensor, without padding. */
    static String textOf(Tensor tensor) {
        return "{'descr': '" + tensor.dtype().descriptor() + "', 'fortran_order': False, 'shape': "
                + DType.shapeText(tensor.shape()) + ", }";
    }

    /** The index of the {@code flat}-th element of the data, in the order the file stores them. */
    long[] index(long flat) {
        if (!fortranOrder) {
            return Indices.of(shape, flat);
        }
        long[] reversed = Indices.of(reversed(shape), flat);
        return reversed(reversed);
    }

    private static long[] reversed(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }

    long dataBytes() {
        return size * dtype.bytes();
    }

    private static long[] shape(String entry, Object value) {
        if (!(value instanceof DictLiteral.Tuple tuple)) {
            throw new TensorFormatException(entry, "shape must be a tuple of integers, got " + value);
        }
        List<Object> items = tuple.items();
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof Long d) || d < 0) {
                throw new TensorFormatException(entry, "shape must be a tuple of non-negative integers, got "
                        + items);
            }
            shape[i] = d;
        }
        return shape;
    }

    private static long size(String entry, long[] shape) {
        long size = 1;
        try {
            for (long d : shape) {
                size = Math.multiplyExact(size, d);
            }
        } catch (ArithmeticException e) {
            throw new TensorFormatException(entry, "shape " + DType.shapeText(shape) + " overflows 64 bits");
        }
        if (size > MAX_ELEMENTS) {
            throw new TensorFormatException(entry, "shape " + DType.shapeText(shape) + " has " + size
                    + " elements, more than TensorMark holds in one array");
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && Arrays.equals(h.shape, shape)
                && h.fortranOrder == fortranOrder;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Boolean.hashCode(fortranOrder);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype.numpyName() + " " + DType.shapeText(shape) + (fortranOrder ? " fortran" : "") + "]";
    }
}

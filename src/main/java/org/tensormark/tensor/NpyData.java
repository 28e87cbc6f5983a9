package org.tensormark.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The data section of a .npy array: little-endian elements, read and written in chunks. Data in
 * Fortran order is read into C order, the only order a {@link Tensor} holds; it is written in C order.
 */
final class NpyData {

    /** int64 values beyond this cannot be held exactly in a double. */
    private static final double EXACT_LIMIT = 9_007_199_254_740_992.0;
    private static final int CHUNK = 1 << 16;

    private NpyData() {
    }

    static double[] read(String entry, InputStream in, NpyHeader header) throws IOException {
        DType dtype = header.dtype();
        double[] values = new double[(int) header.size()];
        int perChunk = CHUNK / dtype.bytes();
        ByteBuffer buffer = ByteBuffer.allocate(perChunk * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            int bytes = count * dtype.bytes();
            int got = in.readNBytes(buffer.array(), 0, bytes);
            if (got < bytes) {
                throw new TensorFormatException(entry, "truncated: shape " + DType.shapeText(header.shape())
                        + " of " + dtype.numpyName() + " needs " + header.dataBytes() + " data bytes, got "
                        + ((long) start * dtype.bytes() + got));
            }
            buffer.clear();
            for (int i = start; i < start + count; i++) {
                values[i] = element(entry, header, buffer, i);
            }
        }
        return header.fortranOrder() ? Layouts.fromFortranOrder(values, header.shape()) : values;
    }

    static void write(String entry, Tensor tensor, OutputStream out) throws IOException {
        DType dtype = tensor.dtype();
        double[] values = tensor.values();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            if (buffer.remaining() < dtype.bytes()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            put(entry, tensor, buffer, i);
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    private static double element(String entry, NpyHeader header, ByteBuffer buffer, int i) {
        switch (header.dtype()) {
            case FLOAT32:
                return buffer.getFloat();
            case FLOAT64:
                return buffer.getDouble();
            case INT32:
                return buffer.getInt();
            case INT64:
                long v = buffer.getLong();
                if (Math.abs((double) v) > EXACT_LIMIT) {
                    throw new TensorFormatException(entry, "int64 value " + v + " at "
                            + Indices.text(header.index(i)) + " is beyond 2^53 and cannot be compared "
                            + "exactly");
                }
                return v;
            case UINT8:
                return buffer.get() & 0xff;
            default:
                return buffer.get() == 0 ? 0 : 1;
        }
    }

    private static void put(String entry, Tensor tensor, ByteBuffer buffer, int i) {
        double v = tensor.values()[i];
        DType dtype = tensor.dtype();
        if (!dtype.isFloating() && !fits(dtype, v)) {
            throw new TensorFormatException(entry, "value " + v + " at "
                    + Indices.text(Indices.of(tensor.shape(), i)) + " is not a valid " + dtype.numpyName());
        }
        switch (dtype) {
            case FLOAT32 -> buffer.putFloat((float) v);
            case FLOAT64 -> buffer.putDouble(v);
            case INT32 -> buffer.putInt((int) v);
            case INT64 -> buffer.putLong((long) v);
            default -> buffer.put((byte) (int) v);
        }
    }

    private static boolean fits(DType dtype, double v) {
        if (v != Math.rint(v)) {
            return false;
        }
        return switch (dtype) {
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case INT64 -> Math.abs(v) <= EXACT_LIMIT;
            case UINT8 -> v >= 0 && v <= 255;
            default -> v == 0 || v == 1;
        };
    }
}

package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensormark.tensor.NpyBytes.floats;
import static org.tensormark.tensor.NpyBytes.npy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** A transpose that NumPy saved column-major is a plain array too, read into the same C-order tensor. */
class NpyFortranOrderTest {

    private static Tensor read(byte[] bytes) throws IOException {
        return Npy.read("y.npy", new ByteArrayInputStream(bytes), 1 << 20);
    }

    private static String fortranHeader(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': True, 'shape': " + shape + ", }";
    }

    private static byte[] longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buffer.putLong(v);
        }
        return buffer.array();
    }

    @Test
    void aFortranOrderedMatrixIsReadAsItsRowMajorValues() throws IOException {
        Tensor t = read(npy(fortranHeader("<f4", "(2, 3)"), floats(1, 4, 2, 5, 3, 6)));
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {2, 3}, 1, 2, 3, 4, 5, 6), t);
    }

    @Test
    void aFortranOrderedThreeAxisArrayVariesItsFirstAxisFastest() throws IOException {
        Tensor t = read(npy(fortranHeader("<i8", "(2, 2, 3)"), longs(0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11)));
        assertEquals(Tensor.of(DType.INT64, new long[] {2, 2, 3}, 0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11), t);
    }

    @Test
    void aFortranOrderedVectorScalarOrEmptyArrayIsReadAsIs() throws IOException {
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {3}, 1, 2, 3),
                read(npy(fortranHeader("<f4", "(3,)"), floats(1, 2, 3))));
        assertEquals(Tensor.scalar(DType.FLOAT32, 7), read(npy(fortranHeader("<f4", "()"), floats(7))));
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {0, 2}), read(npy(fortranHeader("<f4", "(0, 2)"), floats())));
    }

    @Test
    void aBadValueInAFortranOrderedArrayIsNamedByItsOwnIndex() {
        byte[] bytes = npy(fortranHeader("<i8", "(2, 3)"), longs(0, 0, 1L << 60, 0, 0, 0));
        TensorFormatException e = assertThrows(TensorFormatException.class, () -> read(bytes));
        assertEquals("y.npy: int64 value 1152921504606846976 at [0, 1] is beyond 2^53 and cannot be compared exactly",
                e.getMessage());
    }
}

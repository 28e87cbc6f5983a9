package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.tensor.NpyBytes.floats;
import static org.tensormark.tensor.NpyBytes.header;
import static org.tensormark.tensor.NpyBytes.npy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyRefusalTest {

    private static final long LIMIT = 1 << 20;

    @Test
    void acceptsNativeAndNotApplicableByteOrdersWhereUnambiguous() throws IOException {
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {2}, 1.5, -2), read(npy(header("=f4", "(2,)"),
                floats(1.5f, -2f))));
        assertEquals(Tensor.of(DType.UINT8, new long[] {1}, 200), read(npy(header("<u1", "(1,)"),
                new byte[] {(byte) 200})));
    }

    @Test
    void acceptsPythonTwoLongSuffixesInOldShapes() throws IOException {
        Tensor t = read(npy(header("<f4", "(1L, 2L)"), floats(1, 2)));
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {1, 2}, 1, 2), t);
    }

    @Test
    void refusesBigEndianWithTheAstypeThatFixesIt() {
        assertRefused(npy(header(">f8", "(1,)"), new byte[8]),
                "x.npy: big-endian arrays are not accepted; save with .astype('<f8')");
    }

    @Test
    void refusesMultiByteTypesWithoutAByteOrder() {
        assertRefused(npy(header("|f4", "(1,)"), new byte[4]), "gives no byte order");
    }

    @Test
    void refusesObjectArraysBeforeReadingAnyPickle() {
        assertRefused(npy(header("|O", "(1,)"), new byte[] {(byte) 0x80, 4, '.'}), "never loads");
    }

    @Test
    void refusesARawPickleWithoutLoadingIt() {
        assertRefused(new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0, 0, '.'},
                "pickled data is never loaded");
    }

    @Test
    void refusesAHeaderThatIsCodeRatherThanADictLiteral() {
        assertRefused(npy("__import__('os').system('rm -rf /')", new byte[0]), "not a Python dict literal");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", new byte[4]),
                "exactly the keys");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", new byte[4]),
                "non-negative");
        assertRefused(npy("{'descr': 4, 'fortran_order': False, 'shape': (1,), }", new byte[4]),
                "descr must be a dtype string");
        assertRefused(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } junk", new byte[4]),
                "after the closing brace");
    }

    @Test
    void refusesUnknownDtypes() {
        assertRefused(npy(header("<q9", "(1,)"), new byte[4]), "dtype '<q9' is not accepted");
        assertRefused(npy(header("f4", "(1,)"), new byte[4]), "no byte-order character");
        assertRefused(npy(header("<M8[ns]", "(1,)"), new byte[8]), "is not accepted");
    }

    @Test
    void refusesTruncatedHeaders() {
        byte[] whole = npy(header("<f4", "(1,)"), floats(1));
        assertRefused(Arrays.copyOf(whole, 3), "truncated");
        assertRefused(Arrays.copyOf(whole, 9), "header is truncated");
        assertRefused(Arrays.copyOf(whole, 20), "header is truncated");
    }

    @Test
    void refusesTruncatedDataSayingHowMuchWasMissing() {
        assertRefused(npy(header("<f4", "(4,)"), floats(1, 2)),
                "truncated: shape (4,) of float32 needs 16 data bytes, got 8");
    }

    @Test
    void refusesBytesAfterTheData() {
        assertRefused(npy(header("<f4", "(1,)"), floats(1, 2)), "4 unexpected bytes after the array data");
    }

    @Test
    void refusesShapesWhoseSizeOverflows() {
        assertRefused(npy(header("<f4", "(4294967296, 4294967296, 4294967296)"), new byte[0]), "overflows 64 bits");
        assertRefused(npy(header("<u1", "(3000000000,)"), new byte[0]), "more than TensorMark holds");
    }

    @Test
    void refusesADeclaredShapeOverTheBudgetBeforeAllocatingIt() {
        assertRefused(npy(header("<f8", "(10000, 10000)"), new byte[0]),
                "needs 800000000 bytes, more than the limit of 1048576 bytes in one array");
    }

    @Test
    void refusesUnknownFormatVersionsAndOversizedHeaders() {
        assertRefused(npy(4, header("<f4", "(1,)"), new byte[4]), "unsupported .npy format version 4.0");
        byte[] huge = npy(2, header("<f4", "(1,)"), new byte[4]);
        huge[8] = 0;
        huge[10] = 2;
        assertRefused(huge, "claims 131072");
    }

    @Test
    void refusesAHeaderNestedFiftyThousandBracketsDeepAtOnceNamingTheLimit() {
        byte[] deep = npy(header("<f8", "[".repeat(50_000)), new byte[8]);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertRefused(deep, "the .npy header nests brackets more than 16 deep, the limit"));
    }

    @Test
    void writerRefusesValuesTheDtypeCannotHold() {
        Tensor bad = Tensor.of(DType.INT32, new long[] {2, 1}, 1, 2.5);
        TensorFormatException e = assertThrows(TensorFormatException.class,
                () -> Npy.write("w", bad, new java.io.ByteArrayOutputStream()));
        assertEquals("w: value 2.5 at [1, 0] is not a valid int32", e.getMessage());
    }

    @Test
    void writtenHeadersAreAlignedToSixtyFourBytesAndRoundTrip() throws IOException {
        for (DType dtype : DType.values()) {
            Tensor t = Tensor.of(dtype, new long[] {2, 2}, 0, 1, 1, 0);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Npy.write("t", t, out);
            byte[] bytes = out.toByteArray();
            int dataStart = 10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8);
            assertEquals(0, dataStart % 64, dtype.name());
            assertEquals(bytes.length - 4L * dtype.bytes(), dataStart, dtype.name());
            assertEquals(t, read(bytes), dtype.name());
        }
    }

    private static Tensor read(byte[] bytes) throws IOException {
        return Npy.read("x.npy", new ByteArrayInputStream(bytes), LIMIT);
    }

    private static void assertRefused(byte[] bytes, String expectedText) {
        TensorFormatException e = assertThrows(TensorFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().startsWith("x.npy: "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }
}

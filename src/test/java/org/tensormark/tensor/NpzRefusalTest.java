package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.tensor.NpyBytes.floats;
import static org.tensormark.tensor.NpyBytes.header;
import static org.tensormark.tensor.NpyBytes.npy;
import static org.tensormark.tensor.NpyBytes.zip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpzRefusalTest {

    private static final NpzLimits SMALL = new NpzLimits(4, 1 << 20, 1 << 19);
    private static final byte[] ONE = npy(header("<f4", "(1,)"), floats(1));

    @Test
    void writtenArchivesReadBackInOrder() throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("w", Tensor.of(DType.FLOAT32, new long[] {1, 2}, 3, 4));
        arrays.put("b", Tensor.scalar(DType.INT64, -7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(out, arrays);
        assertEquals(arrays, Npz.read("a.npz", new ByteArrayInputStream(out.toByteArray()), SMALL));
    }

    @Test
    void stopsAZipBombWhileInflatingWhateverTheArchiveDeclares() throws IOException {
        byte[] bomb = npy(header("|u1", "(1,)"), new byte[8 << 20]);
        assertRefused(zip("bomb.npy", bomb), "a.npz:bomb: more than 524288 bytes in one array");
    }

    @Test
    void refusesADeclaredShapeOverTheBudgetBeforeInflatingIt() throws IOException {
        byte[] bomb = npy(header("|u1", "(8388608,)"), new byte[0]);
        assertRefused(zip("bomb.npy", bomb), "a.npz:bomb: shape (8388608,) of uint8 needs 8388608 bytes");
    }

    @Test
    void countsTheTotalOverAllEntries() throws IOException {
        byte[] big = npy(header("|u1", "(400000,)"), new byte[400_000]);
        assertRefused(zip("a.npy", big, "b.npy", big, "c.npy", big), "more than 1048576 uncompressed bytes");
    }

    @Test
    void refusesMoreEntriesThanTheBudget() throws IOException {
        assertRefused(zip("a.npy", ONE, "b.npy", ONE, "c.npy", ONE, "d.npy", ONE, "e.npy", ONE),
                "a.npz: more than 4 entries");
    }

    @Test
    void refusesPathLikeEntryNames() throws IOException {
        for (String name : new String[] {"../evil.npy", "dir/x.npy", "/abs.npy", "..\\x.npy", ".hidden.npy",
                "dir/", "C:x.npy", ".npy"}) {
            assertRefused(zip(name, ONE), "is not a plain array name");
        }
    }

    @Test
    void refusesDuplicateNamesIncludingOnesThatDifferOnlyByTheSuffix() throws IOException {
        assertRefused(zip("x.npy", ONE, "x", ONE), "duplicate entry 'x'");
        byte[] twin = zip("x.npy", ONE, "y.npy", ONE);
        String latin = new String(twin, StandardCharsets.ISO_8859_1).replace("y.npy", "x.npy");
        assertRefused(latin.getBytes(StandardCharsets.ISO_8859_1), "duplicate entry 'x'");
    }

    @Test
    void namesTheEntryThatIsNotAnArray() throws IOException {
        assertRefused(zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)),
                "a.npz:notes.txt: truncated: 5 bytes");
        assertRefused(zip("w.npy", npy(header(">f4", "(1,)"), new byte[4])), "a.npz:w: big-endian");
    }

    @Test
    void refusesFilesThatAreNotZipArchives() {
        assertRefused(ONE, "a single .npy array, not an .npz archive");
        assertRefused("hello".getBytes(StandardCharsets.UTF_8), "not an .npz archive");
        assertRefused(new byte[0], "not an .npz archive");
    }

    @Test
    void refusesTruncatedArchives() throws IOException {
        byte[] whole = zip("x.npy", npy(header("<f8", "(1000,)"), new byte[8000]));
        assertRefused(Arrays.copyOf(whole, whole.length / 2), "a.npz");
    }

    @Test
    void writerRefusesPathLikeKeys() {
        Map<String, Tensor> arrays = Map.of("../x", Tensor.scalar(DType.FLOAT32, 1));
        assertThrows(TensorFormatException.class, () -> Npz.write(new ByteArrayOutputStream(), arrays));
    }

    private static void assertRefused(byte[] archive, String expectedText) {
        TensorFormatException e = assertThrows(TensorFormatException.class,
                () -> Npz.read("a.npz", new ByteArrayInputStream(archive), SMALL));
        assertTrue(e.getMessage().startsWith("a.npz"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }
}

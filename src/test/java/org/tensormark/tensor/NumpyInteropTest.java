package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NumpyInteropTest {

    private static final String WRITE_FIXTURES = String.join("\n",
            "import sys, numpy as np",
            "from numpy.lib import format as fmt",
            "d = sys.argv[1]",
            "np.save(d + '/f4.npy', (np.arange(12) / 8).astype('<f4').reshape(3, 4))",
            "np.save(d + '/f8.npy', np.array([0.1, -2.5e300, np.nan, -np.inf]))",
            "np.save(d + '/i4.npy', np.array([-2**31, 0, 2**31 - 1], dtype='<i4'))",
            "np.save(d + '/i8.npy', np.array([[-2**53, 7], [2**53, -1]], dtype='<i8'))",
            "np.save(d + '/u1.npy', np.array([0, 255, 7], dtype=np.uint8))",
            "np.save(d + '/b1.npy', np.array([[True, False], [False, True]]))",
            "np.save(d + '/scalar.npy', np.float64(3.25))",
            "np.save(d + '/empty.npy', np.zeros((0, 3), dtype='<f4'))",
            "for v in (2, 3):",
            "    with open(d + f'/v{v}.npy', 'wb') as f:",
            "        fmt.write_array(f, np.arange(6, dtype='<i8').reshape(2, 3), version=(v, 0))",
            "a, b = np.linspace(-1, 1, 10).reshape(2, 5), np.arange(4, dtype='<i4')",
            "np.savez(d + '/stored.npz', weight=a, bias=b)",
            "np.savez_compressed(d + '/deflated.npz', weight=a, bias=b)",
            "np.save(d + '/big_endian.npy', np.arange(3, dtype='>f4'))",
            "np.save(d + '/fortran.npy', np.asfortranarray(np.arange(24.).reshape(2, 3, 4)))",
            "np.save(d + '/transposed.npy', np.arange(6, dtype='<i4').reshape(2, 3).T)",
            "np.savez(d + '/transposed.npz', grad=(np.arange(6.) / 4).reshape(3, 2).T)",
            "np.save(d + '/object.npy', np.array([1, 'a'], dtype=object), allow_pickle=True)",
            "np.save(d + '/complex.npy', np.arange(3) + 1j)",
            "np.save(d + '/strings.npy', np.array(['ab', 'c']))",
            "np.save(d + '/structured.npy', np.zeros(2, dtype=[('x', '<f4'), ('y', '<i4')]))",
            "np.save(d + '/half.npy', np.ones(2, dtype='<f2'))",
            "np.save(d + '/int8.npy', np.ones(2, dtype='i1'))",
            "np.save(d + '/huge_int.npy', np.array([2**60], dtype='<i8'))");

    private static Path dir;

    @BeforeAll
    static void writeFixturesWithNumpy() throws Exception {
        dir = NumpyScripts.directory("interop");
        NumpyScripts.run(WRITE_FIXTURES, dir.toString());
    }

    @Test
    void readsEveryAcceptedDtypeAsNumpyWroteIt() throws Exception {
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {3, 4}, 0, .125, .25, .375, .5, .625, .75, .875, 1,
                1.125, 1.25, 1.375), npy("f4.npy"));
        assertArrayEquals(new double[] {0.1, -2.5e300, Double.NaN, Double.NEGATIVE_INFINITY},
                npy("f8.npy").values());
        assertEquals(Tensor.of(DType.INT32, new long[] {3}, -2147483648.0, 0, 2147483647), npy("i4.npy"));
        assertEquals(Tensor.of(DType.INT64, new long[] {2, 2}, -9007199254740992.0, 7, 9007199254740992.0, -1),
                npy("i8.npy"));
        assertEquals(Tensor.of(DType.UINT8, new long[] {3}, 0, 255, 7), npy("u1.npy"));
        assertEquals(Tensor.of(DType.BOOL, new long[] {2, 2}, 1, 0, 0, 1), npy("b1.npy"));
    }

    @Test
    void readsZeroDimensionalAndEmptyArrays() throws Exception {
        assertEquals(Tensor.scalar(DType.FLOAT64, 3.25), npy("scalar.npy"));
        assertEquals(Tensor.of(DType.FLOAT32, new long[] {0, 3}), npy("empty.npy"));
    }

    @Test
    void readsFormatVersionsTwoAndThree() throws Exception {
        Tensor expected = Tensor.of(DType.INT64, new long[] {2, 3}, 0, 1, 2, 3, 4, 5);
        assertEquals(expected, npy("v2.npy"));
        assertEquals(expected, npy("v3.npy"));
    }

    @Test
    void readsStoredAndDeflatedArchivesKeyedWithoutTheSuffix() throws Exception {
        for (String file : List.of("stored.npz", "deflated.npz")) {
            Map<String, Tensor> arrays = Npz.read(dir.resolve(file), NpzLimits.DEFAULT);
            assertEquals(List.of("weight", "bias"), List.copyOf(arrays.keySet()), file);
            assertEquals(Tensor.of(DType.INT32, new long[] {4}, 0, 1, 2, 3), arrays.get("bias"));
            assertArrayEquals(new long[] {2, 5}, arrays.get("weight").shape());
            assertEquals(-1.0 + 2.0 / 9, arrays.get("weight").values()[1], 1e-15);
        }
    }

    @Test
    void readFileTellsNpyFromNpzByContent() throws Exception {
        assertEquals(Map.of("f4", npy("f4.npy")), Npz.readFile(dir.resolve("f4.npy"), NpzLimits.DEFAULT));
        assertEquals(List.of("weight", "bias"),
                List.copyOf(Npz.readFile(dir.resolve("deflated.npz"), NpzLimits.DEFAULT).keySet()));
    }

    @Test
    void readsFortranOrderedArraysAsTheSameValuesInCOrder() throws Exception {
        double[] counting = new double[24];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = i;
        }
        assertEquals(Tensor.of(DType.FLOAT64, new long[] {2, 3, 4}, counting), npy("fortran.npy"));
        assertEquals(Tensor.of(DType.INT32, new long[] {3, 2}, 0, 3, 1, 4, 2, 5), npy("transposed.npy"));
        assertEquals(Tensor.of(DType.FLOAT64, new long[] {2, 3}, 0, 0.5, 1, 0.25, 0.75, 1.25),
                Npz.read(dir.resolve("transposed.npz"), NpzLimits.DEFAULT).get("grad"));
    }

    @Test
    void refusesWhatNumpyCanWriteButTensorMarkDoesNotAccept() {
        assertRefused("big_endian.npy", "big-endian arrays are not accepted; save with .astype('<f4')");
        assertRefused("object.npy", "pickle");
        assertRefused("complex.npy", "complex arrays");
        assertRefused("strings.npy", "string arrays");
        assertRefused("structured.npy", "structured arrays");
        assertRefused("half.npy", ".astype('<f4')");
        assertRefused("int8.npy", ".astype('<i4')");
        assertRefused("huge_int.npy", "beyond 2^53");
    }

    @Test
    void numpyReadsWhatTensorMarkWrites() throws Exception {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("f4", Tensor.of(DType.FLOAT32, new long[] {2, 3}, 0, 1.5, -2, 3, 1e-3, Double.NaN));
        arrays.put("f8", Tensor.of(DType.FLOAT64, new long[] {1, 2}, 0.1, Double.NEGATIVE_INFINITY));
        arrays.put("i4", Tensor.of(DType.INT32, new long[] {2}, -2147483648.0, 2147483647));
        arrays.put("i8", Tensor.of(DType.INT64, new long[] {2}, -9007199254740992.0, 5));
        arrays.put("u1", Tensor.of(DType.UINT8, new long[] {2}, 255, 0));
        arrays.put("b1", Tensor.of(DType.BOOL, new long[] {3}, 1, 0, 1));
        arrays.put("scalar", Tensor.scalar(DType.FLOAT64, -0.5));
        Path npz = dir.resolve("from_java.npz");
        Npz.write(npz, arrays);
        Path npy = dir.resolve("from_java.npy");
        Npy.write(npy, Tensor.of(DType.FLOAT32, new long[] {0, 2}));
        String output = NumpyScripts.run(String.join("\n",
                "import sys, numpy as np",
                "z = np.load(sys.argv[1], allow_pickle=False)",
                "want = {'f4': np.array([[0, 1.5, -2], [3, 1e-3, np.nan]], '<f4'),",
                "        'f8': np.array([[0.1, -np.inf]]), 'i4': np.array([-2**31, 2**31 - 1], '<i4'),",
                "        'i8': np.array([-2**53, 5], '<i8'), 'u1': np.array([255, 0], np.uint8),",
                "        'b1': np.array([True, False, True]), 'scalar': np.array(-0.5)}",
                "assert list(z.keys()) == list(want), list(z.keys())",
                "for k, w in want.items():",
                "    g = z[k]",
                "    assert g.dtype == w.dtype and g.shape == w.shape, (k, g.dtype, g.shape)",
                "    assert np.array_equal(g, w, equal_nan=(g.dtype.kind == 'f')), (k, g)",
                "e = np.load(sys.argv[2], allow_pickle=False)",
                "assert e.dtype == np.float32 and e.shape == (0, 2), e",
                "print('numpy agrees')"), npz.toString(), npy.toString());
        assertTrue(output.contains("numpy agrees"), output);
    }

    private static Tensor npy(String name) throws Exception {
        return Npy.read(dir.resolve(name), NpzLimits.DEFAULT);
    }

    private static void assertRefused(String name, String expectedText) {
        TensorFormatException e = assertThrows(TensorFormatException.class, () -> npy(name), name);
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }
}

package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.cli.Commands;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

class ReferenceCommandTest {

    /** y = x Wᵀ + b in plain Java, so the command is tested without the engine. */
    static final class Affine implements ReferenceModel {

        @Override
        public String name() {
            return "affine";
        }

        @Override
        public String description() {
            return "y = x W^T + b";
        }

        @Override
        public List<Param> inputs() {
            return List.of(new Param("x", "(batch, in)", "input rows", true),
                    new Param("weight", "(out, in)", "weights", true),
                    new Param("bias", "(out,)", "default: zeros", false));
        }

        @Override
        public List<String> outputs() {
            return List.of("y");
        }

        @Override
        public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
            Tensor x = inputs.get("x");
            Tensor w = inputs.get("weight");
            int batch = (int) x.shape()[0];
            int in = (int) x.shape()[1];
            int out = (int) w.shape()[0];
            if (w.shape()[1] != in) {
                throw new IllegalArgumentException("weight must have shape (out, " + in + ")");
            }
            double[] y = new double[batch * out];
            for (int b = 0; b < batch; b++) {
                for (int o = 0; o < out; o++) {
                    double sum = inputs.containsKey("bias") ? inputs.get("bias").values()[o] : 0;
                    for (int i = 0; i < in; i++) {
                        sum += x.values()[b * in + i] * w.values()[o * in + i];
                    }
                    y[b * out + o] = sum;
                }
            }
            return Map.of("y", Tensor.of(DType.FLOAT32, new long[] {batch, out}, y));
        }

        @Override
        public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
            if (!hyperParameters.containsKey("in_features") || !hyperParameters.containsKey("out_features")) {
                throw new IllegalArgumentException("initialise needs in_features and out_features");
            }
            int in = (int) hyperParameters.get("in_features").item();
            int out = (int) hyperParameters.get("out_features").item();
            Random random = new Random(seed);
            double bound = 1 / Math.sqrt(in);
            double[] w = random.doubles(in * out, -bound, bound).map(v -> (float) v).toArray();
            Map<String, Tensor> params = new LinkedHashMap<>();
            params.put("weight", Tensor.of(DType.FLOAT32, new long[] {out, in}, w));
            params.put("bias", Tensor.of(DType.FLOAT32, new long[] {out}, new double[out]));
            return params;
        }
    }

    private static final List<ReferenceModel> MODELS = List.of(new Affine());

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws IOException {
        out.reset();
        err.reset();
        return ReferenceCommand.run(args, MODELS, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsEveryModelWithItsInputsAndOutputs() throws IOException {
        assertEquals(0, run("--list"));
        assertTrue(out().startsWith("affine — y = x W^T + b\n"), out());
        assertTrue(out().contains("  in   x       (batch, in)  required  input rows\n"), out());
        assertTrue(out().contains("  in   bias    (out,)       optional  default: zeros\n"), out());
        assertTrue(out().contains("  out  y\n"), out());
    }

    @Test
    void computesTheOutputsOfAnInputArchive() throws IOException {
        Path in = dir.resolve("in.npz");
        Path result = dir.resolve("out.npz");
        Npz.write(in, Map.of("x", Tensor.of(DType.FLOAT32, new long[] {1, 2}, 1, 2),
                "weight", Tensor.of(DType.FLOAT32, new long[] {3, 2}, 1, 0, 0, 1, 1, 1),
                "bias", Tensor.of(DType.FLOAT32, new long[] {3}, 0.5, 0, -1)));
        assertEquals(0, run("affine", "--in", in.toString(), "--out", result.toString()), err());
        assertEquals("wrote " + result + ": y (1, 3) float32\n", out());
        Tensor y = Npz.read(result, NpzLimits.DEFAULT).get("y");
        assertArrayEquals(new double[] {1.5, 2, 2}, y.values());
    }

    @Test
    void initWritesSeededParametersMergedWithTheInputs() throws IOException {
        Path in = dir.resolve("hyper.npz");
        Npz.write(in, Map.of("in_features", Tensor.scalar(DType.INT64, 4),
                "out_features", Tensor.scalar(DType.INT64, 2)));
        Map<String, Tensor> first = init(in, "7", "a.npz");
        assertEquals(List.of("weight", "bias", "in_features", "out_features").stream().sorted().toList(),
                first.keySet().stream().sorted().toList());
        assertArrayEquals(new long[] {2, 4}, first.get("weight").shape());
        assertEquals(first, init(in, "7", "b.npz"));
        assertNotEquals(first.get("weight"), init(in, "8", "c.npz").get("weight"));
    }

    private Map<String, Tensor> init(Path in, String seed, String name) throws IOException {
        Path result = dir.resolve(name);
        assertEquals(0, run("affine", "--in", in.toString(), "--out", result.toString(), "--init", "--seed", seed),
                err());
        return Npz.read(result, NpzLimits.DEFAULT);
    }

    @Test
    void anUnknownModelListsTheCloseNames() throws IOException {
        assertEquals(2, run("afine", "--out", dir.resolve("o.npz").toString()));
        assertTrue(err().contains("unknown model 'afine'; did you mean: affine?"), err());
    }

    @Test
    void aMissingFileIsAClearError() throws IOException {
        assertEquals(2, run("affine", "--in", dir.resolve("nope.npz").toString(), "--out", "o.npz"));
        assertTrue(err().contains("no such file: " + dir.resolve("nope.npz")), err());
    }

    @Test
    void aBadArchiveIsAClearErrorNamingTheFile() throws IOException {
        Path in = dir.resolve("bad.npz");
        Files.writeString(in, "not a zip");
        assertEquals(2, run("affine", "--in", in.toString(), "--out", dir.resolve("o.npz").toString()));
        assertTrue(err().contains("bad.npz: not an .npz archive"), err());
    }

    @Test
    void aMissingRequiredInputIsNamedWithItsShape() throws IOException {
        Path in = dir.resolve("in.npz");
        Npz.write(in, Map.of("x", Tensor.of(DType.FLOAT32, new long[] {1, 2}, 1, 2),
                "extra", Tensor.scalar(DType.FLOAT32, 1)));
        assertEquals(2, run("affine", "--in", in.toString(), "--out", dir.resolve("o.npz").toString()));
        assertTrue(err().contains("model affine does not read input 'extra'"), err());
        assertTrue(err().contains("model affine needs input 'weight' of shape (out, in) (weights)"), err());
        assertTrue(Files.notExists(dir.resolve("o.npz")));
    }

    @Test
    void commandLineMistakesExitWithTwoAndTheUsage() throws IOException {
        assertEquals(2, run());
        assertTrue(err().contains("usage: tensormark reference --list"), err());
        assertEquals(2, run("affine", "--out", "o.npz", "--seed", "1"));
        assertTrue(err().contains("--seed only applies with --init"), err());
        assertEquals(2, run("affine", "--out"));
        assertEquals(2, run("affine", "--in", "x.npz"));
        assertEquals(2, run("affine", "--out", dir.resolve("missing/o.npz").toString()));
        assertTrue(err().contains("the directory of --out does not exist"), err());
        assertEquals(0, run("--help"));
    }

    @Test
    void theCommandIsRegisteredWithTheProgram() {
        assertEquals(0, Commands.dispatch(new String[] {"reference", "--list"}));
        assertEquals(2, Commands.dispatch(new String[] {"reference", "no-such-model", "--out", "o.npz"}));
    }
}

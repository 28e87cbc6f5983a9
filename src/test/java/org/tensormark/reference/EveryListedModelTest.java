package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensormark.cli.Commands;
import org.tensormark.reference.DocumentedInputs.Listed;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

/**
 * Runs {@code tensormark reference} the way bin/tensormark does (through {@link Commands}) for
 * every model that {@code --list} shows, on an .npz made from the names and shapes it documents.
 */
class EveryListedModelTest {

    private static final Pattern MODEL_LINE = Pattern.compile("^(\\S+) — .*");
    private static final Pattern INPUT_LINE = Pattern.compile("^  in   (\\S+) +(.+?)  +(required|optional)\\b.*");

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one run of the program. */
    record Run(int code, String out, String err) {
    }

    static Run tensormark(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Commands.dispatch(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** Each model of {@code --list} with the inputs (patterns included) listed under it. */
    static Map<String, List<Listed>> listed() {
        Run list = tensormark("reference", "--list");
        assertEquals(0, list.code(), list.err());
        Map<String, List<Listed>> models = new LinkedHashMap<>();
        List<Listed> current = null;
        for (String line : list.out().split("\n")) {
            Matcher model = MODEL_LINE.matcher(line);
            Matcher input = INPUT_LINE.matcher(line);
            if (model.matches()) {
                current = new ArrayList<>();
                models.put(model.group(1), current);
            } else if (input.matches() && current != null) {
                current.add(new Listed(input.group(1), input.group(2)));
            }
        }
        return models;
    }

    static Stream<String> listedModels() {
        return listed().keySet().stream();
    }

    @Test
    void theListShowsEveryModelOfTheLibrary() {
        assertEquals(ReferenceModels.all().stream().map(ReferenceModel::name).toList(),
                List.copyOf(listed().keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listedModels")
    void everyListedModelRunsFromTheCommandLineWithTheInputsTheListDocuments(String name) throws IOException {
        ReferenceModel model = ReferenceModels.byName(name).orElseThrow();
        List<Listed> documented = listed().get(name);
        Map<String, Tensor> inputs = DocumentedInputs.of(name, documented, DocumentedInputSpecs.of(name));
        for (String input : inputs.keySet()) {
            assertTrue(documented.stream().anyMatch(listed -> expands(listed.name(), input)),
                    input + " is not among the inputs --list shows for " + name + ": " + documented);
        }
        Path in = dir.resolve("in.npz");
        Path out = dir.resolve("out.npz");
        Npz.write(in, inputs);

        Run run = tensormark("reference", name, "--in", in.toString(), "--out", out.toString());

        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("warning"), run.err());
        Map<String, Tensor> outputs = Npz.read(out, NpzLimits.DEFAULT);
        for (String output : model.outputs()) {
            if (!output.contains("{") && !output.contains("<")) {
                assertTrue(outputs.containsKey(output), name + " wrote no " + output + ": " + outputs.keySet());
            }
        }
    }

    /** Whether {@code name} is the listed name or one of its expansions. */
    private static boolean expands(String listed, String name) {
        String regex = Pattern.quote(listed).replace("{2k}", "\\E\\d*[02468]\\Q").replace("{k}", "\\E\\d+\\Q")
                .replace("[_reverse]", "\\E(_reverse)?\\Q");
        return name.matches(regex);
    }

    @Test
    void aMisShapedHiddenWeightIsBlamedByItsOwnName() throws IOException {
        Map<String, Tensor> inputs = lstm(1);
        inputs.put("weight_hh_l0", DocumentedInputs.NORMAL.make(new long[] {3, 12}, new Random(1)));
        Path in = write(inputs);

        Run run = tensormark("reference", "lstm", "--in", in.toString(), "--out", dir.resolve("o.npz").toString());

        assertEquals(2, run.code());
        assertTrue(run.err().contains("input 'weight_hh_l0' expected shape (G*H, H) = (4*H, H), got (3, 12)"),
                run.err());
        assertFalse(run.err().contains("weight_ih_l0"), run.err());
    }

    @Test
    void theLstmModelBlamesAMisShapedHiddenWeightNotTheInputWeight() {
        Map<String, Tensor> inputs = lstm(1);
        inputs.put("weight_hh_l0", DocumentedInputs.NORMAL.make(new long[] {3, 12}, new Random(1)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceModels.byName("lstm").orElseThrow().compute(inputs));

        assertTrue(e.getMessage().contains("input 'weight_hh_l0'"), e.getMessage());
    }

    @Test
    void aMissingLayerIsNamedWithItsShape() throws IOException {
        Map<String, Tensor> inputs = lstm(1);
        inputs.put("num_layers", Tensor.scalar(DType.INT64, 2));
        Path in = write(inputs);

        Run run = tensormark("reference", "lstm", "--in", in.toString(), "--out", dir.resolve("o.npz").toString());

        assertEquals(2, run.code());
        assertTrue(run.err().contains("model lstm needs input 'weight_ih_l1' of shape (4*H, H)"), run.err());
    }

    @Test
    void onlyAnInputNoLayerReadsIsReportedAsUnread() throws IOException {
        Map<String, Tensor> inputs = lstm(1);
        inputs.put("weight_ih_l1", inputs.get("weight_hh_l0"));
        Path in = write(inputs);

        Run run = tensormark("reference", "lstm", "--in", in.toString(), "--out", dir.resolve("o.npz").toString());

        assertEquals(0, run.code(), run.err());
        assertEquals("warning: model lstm does not read input 'weight_ih_l1'\n", run.err());
    }

    @Test
    void initReportsOnlyTheHyperParametersItDoesNotRead() throws IOException {
        Path in = write(new LinkedHashMap<>(Map.of("input_size", Tensor.scalar(DType.INT64, 2),
                "hidden_size", Tensor.scalar(DType.INT64, 3), "num_layers", Tensor.scalar(DType.INT64, 2),
                "bidirectional", Tensor.scalar(DType.INT64, 1), "dropout", Tensor.scalar(DType.FLOAT64, 0.1))));
        Path out = dir.resolve("case.npz");

        Run run = tensormark("reference", "lstm", "--in", in.toString(), "--out", out.toString(), "--init");

        assertEquals(0, run.code(), run.err());
        assertEquals("warning: model lstm does not read input 'dropout'\n", run.err());
        assertTrue(Npz.read(out, NpzLimits.DEFAULT).containsKey("weight_hh_l1_reverse"));
    }

    /** A one-layer LSTM case with H = 3 from the documented inputs. */
    private static Map<String, Tensor> lstm(int layers) {
        Map<String, Tensor> inputs = DocumentedInputs.of("lstm", listed().get("lstm"),
                new DocumentedInputs.Spec().size("L", 2, "N", 1, "H_in", 2, "H", 3, "D", 1, "G", 4)
                        .value("num_layers", layers).value("bidirectional", 0).value("batch_first", 0)
                        .shape("grad_output", 2, 1, 3));
        return new LinkedHashMap<>(inputs);
    }

    private Path write(Map<String, Tensor> inputs) throws IOException {
        Path in = dir.resolve("in.npz");
        Npz.write(in, inputs);
        return in;
    }
}

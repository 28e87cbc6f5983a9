package org.tensormark.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * The PyTorch cross-check cases of the basic models: runs src/test/python/crosscheck_basic.py
 * once per JVM into target/crosscheck/basic and loads the JSON it writes. Fails (never skips) when
 * Python or torch is missing.
 */
final class BasicCrosscheckCases {

    /** One case: the model's inputs and the outputs torch computed for them. */
    record Case(String model, String label, Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
    }

    static final Path DIRECTORY = Path.of("target", "crosscheck", "basic");
    private static List<Case> cases;

    private BasicCrosscheckCases() {
    }

    static synchronized List<Case> all() throws IOException, InterruptedException {
        if (cases == null) {
            generate();
            cases = load();
        }
        return cases;
    }

    private static void generate() throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Files.createDirectories(DIRECTORY);
        Path log = DIRECTORY.resolve("generator.log");
        Process process = new ProcessBuilder(python, "src/test/python/crosscheck_basic.py", DIRECTORY.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("crosscheck_basic.py did not finish within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("crosscheck_basic.py failed (is torch installed for " + python + "?):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static List<Case> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        for (ReferenceModel model : BasicModels.all()) {
            Path file = DIRECTORY.resolve(model.name() + ".json");
            if (!Files.exists(file)) {
                throw new AssertionError("no cross-check cases for model " + model.name() + " in " + file);
            }
            for (JsonNode c : json.readTree(file.toFile())) {
                out.add(new Case(model.name(), c.get("case").asText(), tensors(c.get("inputs")),
                        tensors(c.get("outputs"))));
            }
        }
        return out;
    }

    private static Map<String, Tensor> tensors(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            DType dtype = DType.valueOf(t.get("dtype").asText().toUpperCase());
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
            }
            double[] values = new double[t.get("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.get("values").get(i).asDouble();
            }
            out.put(e.getKey(), new Tensor(dtype, shape, values));
        }
        return out;
    }
}

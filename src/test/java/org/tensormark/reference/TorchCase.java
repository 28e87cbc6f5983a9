package org.tensormark.reference;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** One case written by src/test/python/crosscheck_seq.py: inputs and PyTorch's outputs. */
record TorchCase(String model, String name, Map<String, Tensor> inputs, Map<String, Tensor> expected) {

    static List<TorchCase> read(Path file) throws IOException {
        String model = file.getFileName().toString().replaceFirst("\\.json$", "");
        List<TorchCase> cases = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature()).readTree(file.toFile())) {
            cases.add(new TorchCase(model, c.get("name").asText(), tensors(c.get("inputs")), tensors(c.get("expected"))));
        }
        return cases;
    }

    private static Map<String, Tensor> tensors(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    private static Tensor tensor(JsonNode t) {
        DType dtype = DType.valueOf(t.get("dtype").asText().toUpperCase());
        long[] shape = new long[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.get("shape").get(i).asLong();
        }
        double[] values = new double[t.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.get("values").get(i).asDouble();
        }
        return new Tensor(dtype, shape, values);
    }

    /** A description of every output outside tolerance (its first bad value), or null when all match. */
    static String mismatch(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            String problem = mismatch(e.getKey(), e.getValue(), actual.get(e.getKey()));
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String mismatch(String name, Tensor want, Tensor got) {
        if (got == null) {
            return "output '" + name + "' missing";
        }
        if (got.dtype() != want.dtype() || !Arrays.equals(got.shape(), want.shape())) {
            return "output '" + name + "' is " + got + ", expected " + want;
        }
        boolean double64 = want.dtype() == DType.FLOAT64;
        double rtol = double64 ? 1e-12 : 1e-5;
        double atol = double64 ? 1e-14 : 1e-6;
        for (int i = 0; i < want.size(); i++) {
            double w = want.values()[i];
            double g = got.values()[i];
            boolean ok = Double.isNaN(w) ? Double.isNaN(g) : Math.abs(g - w) <= atol + rtol * Math.abs(w);
            if (!ok) {
                return "output '" + name + "' " + want + " differs at flat index " + i + ": expected " + w + ", got " + g;
            }
        }
        return null;
    }
}

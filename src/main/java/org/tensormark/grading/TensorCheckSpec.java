package org.tensormark.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** The parameters of a {@code tensor} check, read from its assignment.yaml entry. */
record TensorCheckSpec(String function, String reference, List<String> args, Map<String, InputSpec> inputs,
        Map<String, Tensor> constants, List<String> outputs, List<Case> cases, double rtol, double atol) {

    /** One case: a seed and, optionally, other shapes or scales for some inputs. */
    record Case(long seed, Map<String, List<Long>> shapes, Map<String, Double> scales) {
    }

    static TensorCheckSpec of(CheckSpec check) {
        Map<String, Object> p = check.params();
        String where = "check '" + check.id() + "': ";
        String function = text(p, "function", where);
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        map(p.get("inputs")).forEach((k, v) -> inputs.put(k, InputSpec.parse(k, v)));
        Map<String, Tensor> constants = new LinkedHashMap<>();
        map(p.get("constants")).forEach((k, v) -> constants.put(k, InputGenerator.fixed(v,
                v instanceof Double ? DType.FLOAT64 : DType.INT64)));
        List<String> args = strings(p.getOrDefault("args", new ArrayList<>(inputs.keySet())));
        for (String a : args) {
            if (!inputs.containsKey(a)) {
                throw new IllegalArgumentException(where + "argument '" + a + "' is not among its inputs");
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Object raw : list(p.get("cases"))) {
            Map<String, Object> c = map(raw);
            Map<String, List<Long>> shapes = new LinkedHashMap<>();
            map(c.get("shape")).forEach((k, v) -> shapes.put(k, list(v).stream().map(d -> ((Number) d).longValue()).toList()));
            Map<String, Double> scales = new LinkedHashMap<>();
            map(c.get("scale")).forEach((k, v) -> scales.put(k, ((Number) v).doubleValue()));
            cases.add(new Case(((Number) c.getOrDefault("seed", 0)).longValue(), shapes, scales));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(where + "needs at least one case");
        }
        return new TensorCheckSpec(function, String.valueOf(p.getOrDefault("reference", function)), args, inputs,
                constants, strings(p.getOrDefault("outputs", List.of("y"))), cases,
                number(p.get("rtol"), 1e-5), number(p.get("atol"), 1e-8));
    }

    /** The inputs of one case, drawn from its seed (each input from its own derived seed). */
    Map<String, Tensor> generate(Case c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, InputSpec> e : inputs.entrySet()) {
            out.put(e.getKey(), InputGenerator.generate(e.getValue(), c.seed() * 1_000_003L + i++,
                    c.shapes().get(e.getKey()), c.scales().getOrDefault(e.getKey(), Double.NaN)));
        }
        return out;
    }

    private static String text(Map<String, Object> p, String key, String where) {
        Object v = p.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(where + "'" + key + "' is required");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw) {
        return raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object raw) {
        return raw instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(Object raw) {
        return list(raw).stream().map(String::valueOf).toList();
    }

    private static double number(Object raw, double fallback) {
        return raw instanceof Number n ? n.doubleValue() : fallback;
    }
}

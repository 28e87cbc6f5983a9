package org.tensormark.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.tensor.Comparison;
import org.tensormark.tensor.ComparisonResult;
import org.tensormark.tensor.Tensor;
import org.tensormark.tensor.Tolerance;

/**
 * Scores one case of a {@code module} check from what the harness wrote: first the parameters'
 * names and shapes and their count, then, only where the names match, each output and gradient
 * against the reference. The details are what the feedback page shows per case.
 */
final class ModuleCaseScore {

    private ModuleCaseScore() {
    }

    static Map<String, Object> of(ModuleCheckSpec spec, ModuleCheck.PreparedCase c, JobResults.CallOutput out) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("case", c.callId());
        detail.put("seed", c.seed());
        if (!out.ok()) {
            detail.put("passed", false);
            detail.put("error", out.error());
            return detail;
        }
        Map<String, long[]> actualShapes = actualShapes(out.arrays());
        List<Map<String, Object>> comparisons = new ArrayList<>();
        boolean names = ModuleParameters.mismatch(c.shapes(), actualShapes)
                .map(why -> comparisons.add(failed("parameters", why))).isEmpty();
        Tensor count = out.arrays().get("parameter_count");
        boolean counted = (count == null || count.size() != 1
                ? Optional.of("no parameter count was written")
                : ModuleParameters.countMismatch(c.count(), Math.round(count.values()[0])))
                .map(why -> comparisons.add(failed("parameter_count", why))).isEmpty();
        boolean all = names && counted;
        if (names) {
            all &= compareArrays(spec, c, out.arrays(), comparisons);
        }
        detail.put("passed", all);
        detail.put("comparisons", comparisons);
        return detail;
    }

    /** Compares every expected output and gradient, adding one comparison each; true when all pass. */
    private static boolean compareArrays(ModuleCheckSpec spec, ModuleCheck.PreparedCase c, Map<String, Tensor> arrays,
            List<Map<String, Object>> comparisons) {
        boolean all = true;
        for (Map.Entry<String, Tensor> e : c.expected().entrySet()) {
            String label = label(spec, e.getKey());
            Tensor actual = arrays.get(e.getKey());
            ComparisonResult r = actual == null ? null : Comparison.of(label, e.getValue(), actual,
                    Tolerance.of(spec.call().rtol(), spec.call().atol()));
            all &= r != null && r.passed();
            comparisons.add(r == null ? failed(label, "forward returned no " + label) : compared(r));
        }
        return all;
    }

    /** The model's parameter names and shapes as the harness wrote them ({@code parameter_shape.<name>}). */
    private static Map<String, long[]> actualShapes(Map<String, Tensor> arrays) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        arrays.forEach((key, t) -> {
            if (key.startsWith("parameter_shape.")) {
                shapes.put(key.substring("parameter_shape.".length()), shapeOf(t));
            }
        });
        return shapes;
    }

    /** What a student calls the array: the reference's output name, {@code input.grad}, {@code fc1.weight.grad}. */
    private static String label(ModuleCheckSpec spec, String key) {
        if (key.startsWith("output_")) {
            return spec.call().outputs().get(Integer.parseInt(key.substring("output_".length())));
        }
        if (key.startsWith("input_grad_")) {
            return spec.call().args().get(Integer.parseInt(key.substring("input_grad_".length()))) + ".grad";
        }
        return key.substring("parameter_grad.".length()) + ".grad";
    }

    private static long[] shapeOf(Tensor t) {
        long[] shape = new long[t.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.round(t.values()[i]);
        }
        return shape;
    }

    private static Map<String, Object> failed(String output, String explanation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", output);
        m.put("passed", false);
        m.put("explanation", explanation);
        return m;
    }

    private static Map<String, Object> compared(ComparisonResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", r.name());
        m.put("passed", r.passed());
        m.put("verdict", r.verdict().toString());
        m.put("explanation", r.explanation());
        return m;
    }
}

package org.tensormark.grading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.tensor.Tensor;

/**
 * The parameters of a {@code module} check, read from its assignment.yaml entry: the hand-in's
 * class and its constructor arguments, the parameters loaded into it (drawn per case like the
 * inputs), the mode, the optional backward pass, and the forward call as a {@link TensorCheckSpec}
 * ({@code args}, {@code inputs}, {@code constants}, {@code outputs}, {@code cases}, tolerances).
 *
 * @param buffers        the names among {@code parameters} that are buffers (running statistics):
 *                       loaded, but neither counted nor differentiated
 * @param backwardOutput the forward output whose upstream gradient is the input named
 *                       {@code grad_output}; null when the check runs no backward pass
 */
record ModuleCheckSpec(String className, Map<String, Object> init, Map<String, InputSpec> parameters,
        List<String> buffers, boolean train, String backwardOutput, TensorCheckSpec call) {

    /** The reference input holding the upstream gradient of {@link #backwardOutput}. */
    static final String GRAD_OUTPUT = "grad_output";

    static ModuleCheckSpec of(CheckSpec check) {
        Map<String, Object> p = check.params();
        String where = "check '" + check.id() + "': ";
        if (!(p.get("class") instanceof String className) || className.isBlank()) {
            throw new IllegalArgumentException(where + "'class' is required");
        }
        Map<String, Object> callParams = new LinkedHashMap<>(p);
        callParams.put("function", className);
        if (!p.containsKey("args") && p.get("inputs") instanceof Map<?, ?> inputs) {
            callParams.put("args", inputs.keySet().stream().map(String::valueOf).filter(k -> !k.equals(GRAD_OUTPUT))
                    .toList());
        }
        TensorCheckSpec call = TensorCheckSpec.of(new CheckSpec(check.id(), check.kind(), check.points(),
                check.visibility(), callParams));
        Map<String, InputSpec> parameters = new LinkedHashMap<>();
        map(p.get("parameters")).forEach((k, v) -> parameters.put(k, InputSpec.parse(k, v)));
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(where + "'parameters' must name the model's parameters and their shapes");
        }
        String mode = String.valueOf(p.getOrDefault("mode", "eval"));
        if (!List.of("train", "eval").contains(mode)) {
            throw new IllegalArgumentException(where + "mode must be train or eval, was '" + mode + "'");
        }
        String backward = p.get("backward") instanceof String s ? s : null;
        if (backward != null && (!call.outputs().contains(backward) || !call.inputs().containsKey(GRAD_OUTPUT))) {
            throw new IllegalArgumentException(where + "backward: '" + backward + "' must be one of its outputs, with an"
                    + " input '" + GRAD_OUTPUT + "' shaped like it");
        }
        List<String> buffers = p.get("buffers") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        for (String b : buffers) {
            if (!parameters.containsKey(b)) {
                throw new IllegalArgumentException(where + "buffer '" + b + "' is not among its parameters");
            }
        }
        return new ModuleCheckSpec(className, map(p.get("init")), parameters, buffers, mode.equals("train"), backward,
                call);
    }

    /** The parameters of one case, each drawn from its own seed derived from the case's. */
    Map<String, Tensor> parameterValues(TensorCheckSpec.Case c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, InputSpec> e : parameters.entrySet()) {
            out.put(e.getKey(), InputGenerator.generate(e.getValue(), c.seed() * 1_000_033L + 7_919L * ++i, null,
                    c.scales().getOrDefault(e.getKey(), Double.NaN)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw) {
        return raw instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}

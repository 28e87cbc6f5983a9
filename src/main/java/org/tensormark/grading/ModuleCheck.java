package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.reference.ReferenceModel;
import org.tensormark.reference.ReferenceModels;
import org.tensormark.tensor.Tensor;

/**
 * The {@code module} check: constructs the hand-in's {@code nn.Module} class with the given
 * constructor arguments, loads the reference model's parameters into it by their PyTorch names,
 * runs forward in train or eval mode (and, where asked, backward from a given upstream gradient),
 * and compares the outputs, the gradients with respect to the inputs and every parameter, and the
 * parameter count with the DJL reference. A missing, extra or mis-shaped parameter fails the case
 * with a sentence naming it. Points are shared among the cases.
 *
 * <pre>
 * - id: lstm-module
 *   kind: module
 *   points: 4
 *   class: LSTM                     # nn.Module subclass in the hand-in
 *   init: {input_size: 3, hidden_size: 4}
 *   reference: lstm
 *   mode: train                     # train | eval (default)
 *   parameters:                     # loaded by name; the model must have exactly these
 *     weight_ih_l0: {shape: [16, 3], dtype: float32, scale: 0.5}
 *     weight_hh_l0: {shape: [16, 4], dtype: float32, scale: 0.5}
 *   buffers: []                     # names above that are buffers: loaded, not counted
 *   args: [input]                   # forward's arguments (default: every input but grad_output)
 *   inputs:
 *     input: {shape: [5, 2, 3], dtype: float32}
 *     grad_output: {shape: [5, 2, 4], dtype: float32}
 *   constants: {num_layers: 1}      # reference-only hyper-parameters
 *   outputs: [output, h_n, c_n]     # forward's returned tensors in order (nested tuples flattened)
 *   backward: output                # optional: backpropagates sum(output * grad_output)
 *   cases: [{seed: 1}, {seed: 2, shape: {input: [1, 1, 3], grad_output: [1, 1, 4]}}]
 *   rtol: 1.0e-4
 *   atol: 1.0e-5
 * </pre>
 */
@ApplicationScoped
class ModuleCheck implements GraderKind {

    /** One case as prepared: its call and everything the reference says it must produce. */
    record PreparedCase(String callId, long seed, Map<String, long[]> shapes, long count,
            Map<String, Tensor> expected) {
    }

    /** Everything prepare() produced. */
    record Prepared(ModuleCheckSpec spec, List<PreparedCase> cases) {
    }

    @Override
    public String name() {
        return "module";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        ModuleCheckSpec spec = ModuleCheckSpec.of(check);
        ReferenceModel model = ReferenceModels.byName(spec.call().reference()).orElseThrow(() -> new IllegalStateException(
                "check '" + check.id() + "' names reference model '" + spec.call().reference() + "', which does not exist"));
        List<PreparedCase> cases = new ArrayList<>();
        for (int i = 0; i < spec.call().cases().size(); i++) {
            cases.add(prepareCase(check.id() + "__" + i, spec, spec.call().cases().get(i), model, plan));
        }
        return new Prepared(spec, cases);
    }

    private static PreparedCase prepareCase(String callId, ModuleCheckSpec spec, TensorCheckSpec.Case c,
            ReferenceModel model, JobPlan plan) {
        Map<String, Tensor> inputs = spec.call().generate(c);
        Map<String, Tensor> parameters = spec.parameterValues(c);
        Map<String, Tensor> referenceInputs = new LinkedHashMap<>(inputs);
        referenceInputs.putAll(parameters);
        referenceInputs.putAll(spec.call().constants());
        if (spec.backwardOutput() == null) {
            referenceInputs.remove(ModuleCheckSpec.GRAD_OUTPUT);
        }
        Map<String, Tensor> all = model.compute(referenceInputs);
        Map<String, Tensor> expected = new LinkedHashMap<>();
        List<String> outputs = spec.call().outputs();
        for (int k = 0; k < outputs.size(); k++) {
            expected.put("output_" + k, required(all, outputs.get(k), callId));
        }
        List<Map<String, Object>> args = new ArrayList<>();
        for (int i = 0; i < spec.call().args().size(); i++) {
            String arg = spec.call().args().get(i);
            plan.input(callId + "__" + arg, inputs.get(arg));
            args.add(Map.of("array", callId + "__" + arg));
            if (spec.backwardOutput() != null && all.containsKey(arg + ".grad")) {
                expected.put("input_grad_" + i, all.get(arg + ".grad"));
            }
        }
        Map<String, Object> sources = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long count = 0;
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            plan.input(callId + "__p__" + p.getKey(), p.getValue());
            sources.put(p.getKey(), callId + "__p__" + p.getKey());
            shapes.put(p.getKey(), p.getValue().shape());
            if (!spec.buffers().contains(p.getKey())) {
                count += p.getValue().size();
                if (spec.backwardOutput() != null) {
                    expected.put("parameter_grad." + p.getKey(), required(all, p.getKey() + ".grad", callId));
                }
            }
        }
        plan.call(moduleCall(callId, spec, c.seed(), args, sources, plan, inputs));
        return new PreparedCase(callId, c.seed(), shapes, count, expected);
    }

    private static Map<String, Object> moduleCall(String callId, ModuleCheckSpec spec, long seed,
            List<Map<String, Object>> args, Map<String, Object> sources, JobPlan plan, Map<String, Tensor> inputs) {
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("parameters", sources);
        module.put("mode", spec.train() ? "train" : "eval");
        if (spec.backwardOutput() != null) {
            plan.input(callId + "__" + ModuleCheckSpec.GRAD_OUTPUT, inputs.get(ModuleCheckSpec.GRAD_OUTPUT));
            module.put("backward", Map.of("output", spec.call().outputs().indexOf(spec.backwardOutput()),
                    "grad", callId + "__" + ModuleCheckSpec.GRAD_OUTPUT));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        spec.init().forEach((k, v) -> kwargs.put(k, Collections.singletonMap("value", v)));
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", callId);
        call.put("target", spec.className());
        call.put("args", args);
        call.put("kwargs", kwargs);
        call.put("seed", seed);
        call.put("output", callId);
        call.put("module_check", module);
        return call;
    }

    private static Tensor required(Map<String, Tensor> all, String name, String callId) {
        Tensor t = all.get(name);
        if (t == null) {
            throw new IllegalStateException(callId + ": the reference model computes no '" + name + "' (it gives "
                    + all.keySet() + ")");
        }
        return t;
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        Prepared p = (Prepared) prepared;
        List<Map<String, Object>> cases = new ArrayList<>();
        long passed = 0;
        for (PreparedCase c : p.cases()) {
            Map<String, Object> detail = ModuleCaseScore.of(p.spec(), c, results.output(c.callId()));
            passed += Boolean.TRUE.equals(detail.get("passed")) ? 1 : 0;
            cases.add(detail);
        }
        return CheckOutcome.fromCases(check.id(), name(), check.visibility().toString().toLowerCase(), check.points(),
                cases, passed, p.spec().className() + " (nn.Module)");
    }
}

package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.course.CheckSpec;
import org.tensormark.reference.ReferenceModel;
import org.tensormark.reference.ReferenceModels;
import org.tensormark.tensor.Comparison;
import org.tensormark.tensor.ComparisonResult;
import org.tensormark.tensor.Tensor;
import org.tensormark.tensor.Tolerance;

/**
 * The {@code tensor} check: calls a function of the hand-in on inputs generated from each case's
 * seed, and compares what it returns with the DJL reference model on the same inputs (computed once
 * per assignment version, check and case, see {@link ReferenceStore}). Points are shared among the
 * cases (partial credit per case).
 *
 * <pre>
 * - id: softmax
 *   kind: tensor
 *   points: 2
 *   function: softmax          # called in the hand-in
 *   reference: softmax         # ReferenceModels name
 *   args: [x]                  # generated inputs passed to the function, in order
 *   inputs: {x: {shape: [4, 3], dist: normal}}
 *   constants: {dim: 1}        # extra reference inputs (0-d), not passed to the function
 *   outputs: [y]               # reference outputs, in the order the function returns them
 *   cases: [{seed: 1}, {seed: 2, shape: {x: [1, 7]}}, {seed: 3, scale: {x: 1000}}]
 *   rtol: 1.0e-5
 *   atol: 1.0e-8
 * </pre>
 */
@ApplicationScoped
class TensorCheck implements GraderKind {

    /** One case as prepared: its call and the reference outputs expected from it. */
    record PreparedCase(String callId, long seed, Map<String, Tensor> expected) {
    }

    @Override
    public String name() {
        return "tensor";
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        TensorCheckSpec spec = TensorCheckSpec.of(check);
        ReferenceModel model = ReferenceModels.byName(spec.reference()).orElseThrow(() -> new IllegalStateException(
                "check '" + check.id() + "' names reference model '" + spec.reference() + "', which does not exist"));
        List<PreparedCase> cases = new ArrayList<>();
        for (int i = 0; i < spec.cases().size(); i++) {
            TensorCheckSpec.Case c = spec.cases().get(i);
            Map<String, Tensor> inputs = spec.generate(c);
            Map<String, Tensor> expected = context.references().outputs(
                    context.referenceKey(check, "case " + i + " seed " + c.seed()), () -> reference(spec, model, inputs));
            String callId = check.id() + "__" + i;
            List<String> args = new ArrayList<>();
            for (String arg : spec.args()) {
                plan.input(callId + "__" + arg, inputs.get(arg));
                args.add(callId + "__" + arg);
            }
            plan.call(callId, spec.function(), args, c.seed());
            cases.add(new PreparedCase(callId, c.seed(), expected));
        }
        return new Prepared(spec, cases);
    }

    /** The reference model's outputs that the check compares, for one case's inputs. */
    private static Map<String, Tensor> reference(TensorCheckSpec spec, ReferenceModel model, Map<String, Tensor> inputs) {
        Map<String, Tensor> referenceInputs = new LinkedHashMap<>(inputs);
        referenceInputs.putAll(spec.constants());
        Map<String, Tensor> all = model.compute(referenceInputs);
        Map<String, Tensor> expected = new LinkedHashMap<>();
        spec.outputs().forEach(o -> expected.put(o, all.get(o)));
        return expected;
    }

    /** Everything prepare() produced. */
    record Prepared(TensorCheckSpec spec, List<PreparedCase> cases) {
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        Prepared p = (Prepared) prepared;
        List<Map<String, Object>> cases = new ArrayList<>();
        long passed = 0;
        for (PreparedCase c : p.cases()) {
            Map<String, Object> detail = scoreCase(p.spec(), c, results.output(c.callId()));
            passed += Boolean.TRUE.equals(detail.get("passed")) ? 1 : 0;
            cases.add(detail);
        }
        return CheckOutcome.fromCases(check.id(), name(), check.visibility().toString().toLowerCase(), check.points(),
                cases, passed, p.spec().function() + "()");
    }

    private Map<String, Object> scoreCase(TensorCheckSpec spec, PreparedCase c, JobResults.CallOutput out) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("case", c.callId());
        detail.put("seed", c.seed());
        if (!out.ok()) {
            detail.put("passed", false);
            detail.put("error", out.error());
            return detail;
        }
        List<Map<String, Object>> comparisons = new ArrayList<>();
        boolean all = true;
        int k = 0;
        for (Map.Entry<String, Tensor> e : c.expected().entrySet()) {
            Tensor actual = resultArray(out.arrays(), k++, c.expected().size());
            ComparisonResult r = actual == null ? null
                    : Comparison.of(e.getKey(), e.getValue(), actual, Tolerance.of(spec.rtol(), spec.atol()));
            all &= r != null && r.passed();
            comparisons.add(describe(e.getKey(), r, out.arrays().keySet().toString()));
        }
        detail.put("passed", all);
        detail.put("comparisons", comparisons);
        return detail;
    }

    /** The k-th returned array: {@code result} for a single value, {@code result_k} for a tuple. */
    private static Tensor resultArray(Map<String, Tensor> arrays, int k, int expected) {
        if (expected == 1 && arrays.containsKey("result")) {
            return arrays.get("result");
        }
        return arrays.get("result_" + k);
    }

    private static Map<String, Object> describe(String output, ComparisonResult r, String got) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", output);
        if (r == null) {
            m.put("passed", false);
            m.put("explanation", HandinText.capped("expected " + output + " among the values returned, got only " + got,
                    HandinText.MESSAGE_KEEP));
            return m;
        }
        m.put("passed", r.passed());
        m.put("verdict", r.verdict().toString());
        m.put("explanation", r.explanation());
        return m;
    }
}

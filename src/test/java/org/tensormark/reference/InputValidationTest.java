package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.Tensor;

/**
 * Every basic model, given one of its cross-check cases with a required input removed or an input
 * of the wrong rank, refuses with an IllegalArgumentException that names the input. Inputs whose
 * declared shape has a free rank ("*" or "...") are left out of the rank check.
 */
class InputValidationTest {

    @Test
    void aMissingRequiredInputIsRefusedByName() throws Exception {
        List<String> problems = new ArrayList<>();
        for (BasicCrosscheckCases.Case c : firstCasePerModel()) {
            ReferenceModel model = TestTensors.model(c.model());
            for (ReferenceModel.Param p : model.inputsFor(c.inputs())) {
                Map<String, Tensor> inputs = new HashMap<>(c.inputs());
                inputs.remove(p.name());
                // Without layer k's weight a Sequential simply ends before layer k.
                if (p.required() && model.inputsFor(inputs).contains(p)) {
                    check(model, inputs, p.name(), "missing", problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void anInputOfTheWrongShapeIsRefusedByName() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (BasicCrosscheckCases.Case c : firstCasePerModel()) {
            ReferenceModel model = TestTensors.model(c.model());
            for (ReferenceModel.Param p : model.inputsFor(c.inputs())) {
                Tensor given = c.inputs().get(p.name());
                if (given == null || p.shape().contains("*") || p.shape().contains("...")) {
                    continue;
                }
                Map<String, Tensor> inputs = new HashMap<>(c.inputs());
                inputs.put(p.name(), withExtraDimension(given));
                check(model, inputs, p.name(), "reshaped", problems);
                checked++;
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked > 100, "only " + checked + " inputs checked");
    }

    @Test
    void inputsOfFreeRankAreStillCheckedWhereTheModelConstrainsThem() {
        Tensor rank5 = new Tensor(org.tensormark.tensor.DType.FLOAT32, new long[] {1, 2, 1, 1, 1}, new double[2]);
        assertNamed("batch_norm_eval", Map.of("x", rank5), "x");
        Tensor x = new Tensor(org.tensormark.tensor.DType.FLOAT32, new long[] {2, 5}, new double[10]);
        assertNamed("maxout", Map.of("x", x, "pieces", TestTensors.integer(2)), "pieces");
        assertNamed("layer_norm", Map.of("x", x, "weight", TestTensors.vector(1, 1, 1)), "weight");
        assertNamed("mse", Map.of("input", x, "target", TestTensors.vector(1, 1)), "target");
        assertNamed("softmax", Map.of("x", x, "dim", TestTensors.integer(2)), "dim");
        assertNamed("perceptron", Map.of("x", x, "target", TestTensors.vector(0, 1), "epochs", TestTensors.integer(0)),
                "epochs");
    }

    @Test
    void aNullInputMapIsTreatedAsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestTensors.model("conv2d").compute(null));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    private static void assertNamed(String model, Map<String, Tensor> inputs, String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestTensors.model(model).compute(inputs));
        assertTrue(e.getMessage().contains("'" + name + "'"), model + ": " + e.getMessage());
    }

    private static void check(ReferenceModel model, Map<String, Tensor> inputs, String name, String how,
            List<String> problems) {
        try {
            model.compute(inputs);
            problems.add(model.name() + ": " + how + " input " + name + " was accepted");
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("'" + name + "'")) {
                problems.add(model.name() + ": " + how + " input " + name + " gave: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            problems.add(model.name() + ": " + how + " input " + name + " threw " + e);
        }
    }

    /** The same values with a trailing dimension of 3 (repeating each value), so the rank is wrong. */
    private static Tensor withExtraDimension(Tensor t) {
        long[] shape = Arrays.copyOf(t.shape(), t.rank() + 1);
        shape[t.rank()] = 3;
        double[] values = new double[t.size() * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.values()[i / 3];
        }
        return new Tensor(t.dtype(), shape, values);
    }

    private static List<BasicCrosscheckCases.Case> firstCasePerModel() throws Exception {
        Map<String, BasicCrosscheckCases.Case> first = new java.util.LinkedHashMap<>();
        for (BasicCrosscheckCases.Case c : BasicCrosscheckCases.all()) {
            first.putIfAbsent(c.model(), c);
        }
        return new ArrayList<>(first.values());
    }
}

package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.reference.TestTensors.f64;
import static org.tensormark.reference.TestTensors.inputs;
import static org.tensormark.reference.TestTensors.integer;
import static org.tensormark.reference.TestTensors.matrix;
import static org.tensormark.reference.TestTensors.model;
import static org.tensormark.reference.TestTensors.scalar;
import static org.tensormark.reference.TestTensors.vector;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.Tensor;

/** Logic functions with McCulloch–Pitts neurons, the perceptron rule and a small MLP. */
class LogicLearningTest {

    private static final Tensor INPUTS = matrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final double[] AND = {0, 0, 0, 1};
    private static final double[] OR = {0, 1, 1, 1};
    private static final double[] XOR = {0, 1, 1, 0};

    @Test
    void mccullochPittsNeuronsComputeAndOrAndNot() {
        ReferenceModel neuron = model("mcculloch_pitts");
        Tensor both = vector(1, 1);
        assertArrayEquals(AND, neuron.compute(inputs("x", INPUTS, "weight", both, "threshold", scalar(2))).get("y").values());
        assertArrayEquals(OR, neuron.compute(inputs("x", INPUTS, "weight", both, "threshold", scalar(1))).get("y").values());
        Tensor single = f64(new long[] {2, 1}, 0, 1);
        assertArrayEquals(new double[] {1, 0},
                neuron.compute(inputs("x", single, "weight", vector(-1), "threshold", scalar(0))).get("y").values());
    }

    @Test
    void logicNeuronsAcceptIntegerOrBooleanInputs() {
        Tensor bits = new Tensor(org.tensormark.tensor.DType.BOOL, new long[] {4, 2}, INPUTS.values());
        Tensor y = model("mcculloch_pitts").compute(inputs("x", bits, "weight", vector(0.5, 0.5),
                "threshold", scalar(1))).get("y");
        assertArrayEquals(AND, y.values());
        Tensor ints = new Tensor(org.tensormark.tensor.DType.INT64, new long[] {4, 2}, INPUTS.values());
        Map<String, Tensor> out = model("perceptron").compute(inputs("x", ints, "target", vector(AND),
                "lr", scalar(0.5), "epochs", integer(10)));
        assertEquals(0, out.get("errors").values()[9]);
    }

    @Test
    void thePerceptronLearnsAndAndOrButNeverFitsXor() {
        assertEquals(0, lastEpochErrors(AND));
        assertEquals(0, lastEpochErrors(OR));
        Map<String, Tensor> xor = train(XOR, 50);
        assertTrue(Arrays.stream(xor.get("errors").values()).allMatch(e -> e > 0),
                "XOR is not linearly separable, yet an epoch had no errors: " + Arrays.toString(xor.get("errors").values()));
    }

    @Test
    void thePerceptronTrajectoryFollowsTheRuleByHand() {
        Map<String, Tensor> out = train(AND, 1);
        // Sample (0,0): w.x + b = 0 >= 0 fires wrongly, so b -= 1; (0,1) and (1,0) are then right;
        // (1,1): w.x + b = -1 misses, so w += (1,1) and b += 1.
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 1, 1}, out.get("weights").values());
        assertArrayEquals(new double[] {-1, -1, -1, 0}, out.get("biases").values());
        assertArrayEquals(new double[] {2}, out.get("errors").values());
    }

    @Test
    void aTwoTwoOneSigmoidNetworkLearnsXorWithTheReferenceBackprop() {
        ReferenceModel step = model("sigmoid_backprop");
        Map<String, Tensor> params = new HashMap<>(step.initialise(7, inputs(
                "in_features", integer(2), "hidden_size", integer(2), "out_features", integer(1))));
        Map<String, Tensor> batch = inputs("x", INPUTS, "target", f64(new long[] {4, 1}, XOR), "lr", scalar(2.0));
        Tensor output = null;
        for (int epoch = 0; epoch < 3000; epoch++) {
            Map<String, Tensor> call = new HashMap<>(batch);
            call.putAll(params);
            Map<String, Tensor> out = step.compute(call);
            output = out.get("output");
            for (String p : SigmoidBackprop.PARAMETERS) {
                params.put(p, out.get(p + ".updated"));
            }
        }
        double[] rounded = Arrays.stream(output.values()).map(Math::rint).toArray();
        assertArrayEquals(XOR, rounded, "outputs " + Arrays.toString(output.values()));
    }

    private static double lastEpochErrors(double[] target) {
        double[] errors = train(target, 10).get("errors").values();
        return errors[errors.length - 1];
    }

    private static Map<String, Tensor> train(double[] target, int epochs) {
        return model("perceptron").compute(inputs("x", INPUTS, "target", vector(target),
                "lr", scalar(1), "epochs", integer(epochs)));
    }
}

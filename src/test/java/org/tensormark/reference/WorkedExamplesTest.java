package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensormark.reference.TestTensors.f64;
import static org.tensormark.reference.TestTensors.inputs;
import static org.tensormark.reference.TestTensors.integer;
import static org.tensormark.reference.TestTensors.matrix;
import static org.tensormark.reference.TestTensors.model;
import static org.tensormark.reference.TestTensors.scalar;
import static org.tensormark.reference.TestTensors.vector;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.Tensor;

/** The hand-worked examples of the course, computed by the reference models. */
class WorkedExamplesTest {

    private static Map<String, Tensor> twoTwoTwoNetwork() {
        return inputs("x", matrix(new double[][] {{0.05, 0.10}}),
                "target", matrix(new double[][] {{0.01, 0.99}}),
                "hidden.weight", matrix(new double[][] {{0.15, 0.20}, {0.25, 0.30}}),
                "hidden.bias", vector(0.35, 0.35),
                "output.weight", matrix(new double[][] {{0.40, 0.45}, {0.50, 0.55}}),
                "output.bias", vector(0.60, 0.60),
                "lr", scalar(0.5));
    }

    @Test
    void theTwoTwoTwoSigmoidNetworkGivesTheWorkedOutputsErrorAndUpdate() {
        Map<String, Tensor> out = model("sigmoid_backprop").compute(twoTwoTwoNetwork());
        assertArrayEquals(new double[] {0.751365, 0.772928}, out.get("output").values(), 1e-6);
        assertEquals(0.298371, out.get("loss").item(), 1e-6);
        assertEquals(0.358916, out.get("output.weight.updated").values()[0], 1e-6);
        assertEquals(0.149781, out.get("hidden.weight.updated").values()[0], 1e-6);
        assertArrayEquals(new double[] {0.358916, 0.408666, 0.511301, 0.561370},
                out.get("output.weight.updated").values(), 1e-6);
        assertArrayEquals(new double[] {0.149781, 0.199561, 0.249751, 0.299502},
                out.get("hidden.weight.updated").values(), 1e-6);
    }

    @Test
    void theMlpForwardPassAgreesWithTheBackpropNetwork() {
        Map<String, Tensor> net = twoTwoTwoNetwork();
        Map<String, Tensor> out = model("mlp").compute(inputs("x", net.get("x"),
                "layers.0.weight", net.get("hidden.weight"), "layers.0.bias", net.get("hidden.bias"),
                "layers.1.weight", net.get("output.weight"), "layers.1.bias", net.get("output.bias"),
                "activation", integer(1), "output_activation", integer(1)));
        assertArrayEquals(new double[] {0.751365, 0.772928}, out.get("y").values(), 1e-6);
    }

    @Test
    void theXKernelConvolutionOfTheBinaryImageGivesTheWorkedFeatureMap() {
        Tensor image = f64(new long[] {1, 1, 5, 5},
                1, 1, 1, 0, 0,
                0, 1, 1, 1, 0,
                0, 0, 1, 1, 1,
                0, 0, 1, 1, 0,
                0, 1, 1, 0, 0);
        Tensor kernel = f64(new long[] {1, 1, 3, 3}, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        Tensor y = model("conv2d").compute(inputs("x", image, "weight", kernel)).get("y");
        assertArrayEquals(new long[] {1, 1, 3, 3}, y.shape());
        assertArrayEquals(new double[] {4, 3, 4, 2, 4, 3, 2, 3, 4}, y.values());
    }

    @Test
    void aThreeFourTwoNetworkHasTwentyWeightsAndTwentySixParametersWithBiases() {
        assertEquals(20, Mlp.parameterCount(new long[] {3, 4, 2}, false));
        assertEquals(26, Mlp.parameterCount(new long[] {3, 4, 2}, true));
        Tensor sizes = new Tensor(org.tensormark.tensor.DType.INT64, new long[] {3}, new double[] {3, 4, 2});
        assertEquals(20, model("parameter_count").compute(inputs("sizes", sizes, "bias", integer(0))).get("count").item());
        assertEquals(26, model("parameter_count").compute(inputs("sizes", sizes)).get("count").item());
    }

    @Test
    void aSaturatedLogisticNodeCostsOneHundredPerClampedLogNeverNaN() {
        // Logits +-50 and +-800 with both targets: sigmoid(50) and sigmoid(800) round to 1,
        // sigmoid(-800) to 0, so only the clamp at -100 keeps the loss finite (as in torch).
        Tensor x = f64(new long[] {8, 1}, 50, 50, -50, -50, 800, 800, -800, -800);
        Map<String, Tensor> out = model("logistic_node").compute(inputs("x", x,
                "target", vector(1, 0, 1, 0, 1, 0, 1, 0), "weight", f64(new long[] {1, 1}, 1), "bias", vector(0)));
        assertEquals((0 + 100 + 50 + 0 + 0 + 100 + 100 + 0) / 8.0, out.get("loss").item(), 1e-12);
        assertArrayEquals(new double[] {(50 + 50 + 800 + 800) / 8.0}, out.get("weight_grad").values(), 1e-12);
    }

    @Test
    void theReluSumApproximatorMatchesHandValues() {
        // Z(x) = -n1 - n2 - n3 + n4 + n5 + n6 as a 1-6-1 ReLU network without output bias.
        Map<String, Tensor> net = inputs(
                "layers.0.weight", f64(new long[] {6, 1}, -5, -1.2, 1.2, 1.2, 2, 5),
                "layers.0.bias", vector(-7.7, -1.3, 1, -0.2, -1.1, -5),
                "layers.1.weight", f64(new long[] {1, 6}, -1, -1, -1, 1, 1, 1),
                "activation", integer(3));
        double[] xs = {-2, -1, 0, 0.5, 1, 2};
        double[] hand = {-3.4, 0, -1, -1.2, -0.3, 6.7};
        net.put("x", f64(new long[] {xs.length, 1}, xs));
        assertArrayEquals(hand, model("mlp").compute(net).get("y").values(), 1e-12);
    }
}

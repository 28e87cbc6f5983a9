package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.reference.TestTensors.inputs;
import static org.tensormark.reference.TestTensors.integer;
import static org.tensormark.reference.TestTensors.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** Parameters from initialise() fit their model, follow PyTorch's bounds and depend on the seed only. */
class DefaultInitialisationTest {

    @Test
    void initialisedParametersRunThroughTheirModelsWithTheExpectedOutputShape() {
        check("logistic_node", inputs("in_features", integer(3)), "x", new long[] {4, 3}, "p", 4);
        check("mlp", inputs("sizes", new Tensor(DType.INT64, new long[] {3}, new double[] {3, 4, 2})), "x",
                new long[] {5, 3}, "y", 5, 2);
        check("conv2d", inputs("in_channels", integer(3), "out_channels", integer(4), "kernel_size", integer(3)),
                "x", new long[] {1, 3, 6, 5}, "y", 1, 4, 4, 3);
        check("conv1d", inputs("in_channels", integer(2), "out_channels", integer(5)), "x", new long[] {2, 2, 7},
                "y", 2, 5, 5);
        check("conv_transpose2d", inputs("in_channels", integer(2), "out_channels", integer(3)), "x",
                new long[] {1, 2, 4, 4}, "y", 1, 3, 6, 6);
        check("lenet", inputs("in_channels", integer(1), "image_size", integer(28), "conv1_padding", integer(2)),
                "x", new long[] {2, 1, 28, 28}, "logits", 2, 10);
        check("residual_block", inputs("in_channels", integer(3), "out_channels", integer(4), "stride", integer(2)),
                "x", new long[] {1, 3, 7, 7}, "y", 1, 4, 4, 4);
        check("rbf_network", inputs("in_features", integer(2), "units", integer(5), "out_features", integer(3)), "x",
                new long[] {4, 2}, "y", 4, 3);
        check("batch_norm_eval", inputs("num_features", integer(3)), "x", new long[] {2, 3, 4}, "y", 2, 3, 4);
        check("layer_norm", inputs("normalized_shape", new Tensor(DType.INT64, new long[] {1}, new double[] {5})),
                "x", new long[] {3, 5}, "y", 3, 5);
    }

    @Test
    void linearWeightsStayWithinOneOverRootFanInAndDependOnlyOnTheSeed() {
        Map<String, Tensor> hyper = inputs("sizes", new Tensor(DType.INT64, new long[] {2}, new double[] {16, 50}));
        Map<String, Tensor> a = model("mlp").initialise(11, hyper);
        Map<String, Tensor> b = model("mlp").initialise(11, hyper);
        Map<String, Tensor> c = model("mlp").initialise(12, hyper);
        assertEquals(a, b);
        assertNotEquals(a.get("layers.0.weight"), c.get("layers.0.weight"));
        double[] w = a.get("layers.0.weight").values();
        assertTrue(Arrays.stream(w).allMatch(v -> Math.abs(v) <= 0.25), "bound 1/sqrt(16)");
        assertTrue(Arrays.stream(w).max().orElseThrow() > 0.2 && Arrays.stream(w).min().orElseThrow() < -0.2,
                "800 uniform draws should come near both ends of [-0.25, 0.25]");
        assertArrayEquals(new long[] {50, 16}, a.get("layers.0.weight").shape());
    }

    private static void check(String name, Map<String, Tensor> hyper, String input, long[] shape, String output,
            long... expected) {
        ReferenceModel m = model(name);
        Map<String, Tensor> call = new HashMap<>(hyper);
        call.putAll(m.initialise(3, hyper));
        double[] ones = new double[(int) Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
        Arrays.fill(ones, 1);
        call.put(input, new Tensor(DType.FLOAT32, shape, ones));
        if (name.equals("logistic_node")) {
            call.put("target", new Tensor(DType.FLOAT32, new long[] {shape[0]}, new double[(int) shape[0]]));
        }
        Tensor y = m.compute(call).get(output);
        assertArrayEquals(expected, y.shape(), name);
        assertEquals(DType.FLOAT32, y.dtype(), name);
    }
}

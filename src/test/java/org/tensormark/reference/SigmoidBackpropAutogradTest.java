package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.TestTensors.inputs;
import static org.tensormark.reference.TestTensors.integer;
import static org.tensormark.reference.TestTensors.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** The hand-derived gradients of the 2-layer sigmoid network equal DJL autograd's. */
class SigmoidBackpropAutogradTest {

    @Test
    void handBackpropGradientsEqualAutogradOnRandomNetworks() {
        for (long seed = 1; seed <= 3; seed++) {
            ReferenceModel network = model("sigmoid_backprop");
            Map<String, Tensor> call = new HashMap<>(toDouble(network.initialise(seed, inputs(
                    "in_features", integer(3), "hidden_size", integer(4), "out_features", integer(2)))));
            DefaultInit random = new DefaultInit(seed + 100);
            call.put("x", toDouble(Map.of("x", random.uniform(2, 5, 3))).get("x"));
            call.put("target", toDouble(Map.of("t", random.uniform(1, 5, 2))).get("t"));
            Map<String, Tensor> hand = network.compute(call);
            Map<String, double[]> auto = autogradGradients(call);
            for (String p : SigmoidBackprop.PARAMETERS) {
                assertArrayEquals(auto.get(p), hand.get(p + ".grad").values(), 1e-14, p + " seed " + seed);
            }
            assertEquals(auto.get("loss")[0], hand.get("loss").item(), 1e-15);
        }
    }

    private static Map<String, double[]> autogradGradients(Map<String, Tensor> call) {
        try (NDManager m = ReferenceRuntime.newManager()) {
            Map<String, NDArray> p = new HashMap<>();
            for (String name : SigmoidBackprop.PARAMETERS) {
                NDArray a = toNd(m, call.get(name));
                a.setRequiresGradient(true);
                p.put(name, a);
            }
            NDArray x = toNd(m, call.get("x"));
            NDArray t = toNd(m, call.get("target"));
            return ReferenceRuntime.withGradients(collector -> {
                NDArray h = Activation.sigmoid(x.matMul(p.get("hidden.weight").transpose()).add(p.get("hidden.bias")));
                NDArray o = Activation.sigmoid(h.matMul(p.get("output.weight").transpose()).add(p.get("output.bias")));
                NDArray loss = t.sub(o).square().sum().div(2L * x.getShape().get(0));
                collector.backward(loss);
                Map<String, double[]> grads = new HashMap<>();
                p.forEach((name, a) -> grads.put(name, a.getGradient().toDoubleArray()));
                grads.put("loss", new double[] {loss.getDouble()});
                return grads;
            });
        }
    }

    private static Map<String, Tensor> toDouble(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((k, v) -> out.put(k, new Tensor(DType.FLOAT64, v.shape(), v.values())));
        return out;
    }
}

package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/** The McCulloch–Pitts logic neuron: fires (1) when the weighted input sum reaches the threshold. */
final class McCullochPitts {

    private McCullochPitts() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, n)", "binary inputs, one row per case"),
                required("weight", "(n,)", "+1 excitatory, -1 inhibitory (any real weights allowed)"),
                required("threshold", "()", "firing threshold"));
        return new NdModel("mcculloch_pitts", "McCulloch-Pitts neuron: y = [x . w >= threshold]",
                params, List.of("y"), (in, m) -> {
                    NDArray x = array(m, in, "x", "(N, n)", ModelInputs.ANY, ModelInputs.ANY);
                    long n = x.getShape().get(1);
                    NDArray w = array(m, in, "weight", "(n,)", n);
                    NDArray sum = x.matMul(w.reshape(n, 1).toType(x.getDataType(), false)).reshape(-1);
                    double threshold = in.requiredNumber("threshold");
                    return Map.of("y", sum.gte(threshold).toType(x.getDataType(), false));
                });
    }
}

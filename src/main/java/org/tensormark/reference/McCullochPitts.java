package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;

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
                    DataType real = in.floatingType("x", "weight") == DType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
                    NDArray x = array(m, in, "x", "(N, n)", ModelInputs.ANY, ModelInputs.ANY).toType(real, false);
                    long n = x.getShape().get(1);
                    NDArray w = array(m, in, "weight", "(n,)", n).toType(real, false);
                    NDArray sum = x.matMul(w.reshape(n, 1)).reshape(-1);
                    double threshold = in.requiredNumber("threshold");
                    return Map.of("y", sum.gte(threshold).toType(x.getDataType(), false));
                });
    }
}

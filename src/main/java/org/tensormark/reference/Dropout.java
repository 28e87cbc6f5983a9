package org.tensormark.reference;

import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * Inverted dropout with a given keep mask, as nn.Dropout does in training: y = x * mask / (1 - p),
 * so that no rescaling is needed at evaluation time.
 */
final class Dropout {

    private Dropout() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(*)", "input, any shape"),
                required("mask", "(like x)", "1 where the unit is kept, 0 where dropped"),
                required("p", "()", "drop probability in [0, 1)"));
        return new NdModel("dropout", "inverted dropout with a given mask", params, List.of("y"), (in, m) -> {
            double p = in.requiredNumber("p");
            if (!(p >= 0 && p < 1)) {
                throw in.error("p", "must lie in [0, 1), got " + p);
            }
            NDArray x = array(m, in, "x", "(*)", in.required("x").shape());
            NDArray mask = array(m, in, "mask", "(like x)", in.required("x").shape());
            return Map.of("y", x.mul(mask.toType(x.getDataType(), false)).mul(1 / (1 - p)));
        });
    }
}

package org.tensormark.reference;

import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Layer normalisation as nn.LayerNorm: each sample is normalised over its trailing dimensions
 * (those of {@code weight}, or the last {@code normalized_dims}) with the biased variance, then
 * scaled and shifted element-wise.
 */
final class LayerNorm {

    private LayerNorm() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(*, D...)", "input; normalised over its trailing dims"),
                optional("weight", "(D...)", "element-wise scale, shape of the normalised dims"),
                optional("bias", "(D...)", "element-wise shift, shape of the normalised dims"),
                optional("normalized_dims", "()", "how many trailing dims to normalise; default rank of weight, else 1"),
                optional("eps", "()", "default 1e-5"));
        return new NdModel("layer_norm", "layer normalisation", params, List.of("y"), LayerNorm::compute,
                LayerNorm::init);
    }

    private static Map<String, NDArray> compute(ModelInputs in, NDManager m) {
        Tensor xt = in.required("x");
        int dims = in.integer("normalized_dims", in.optional("weight").map(Tensor::rank).orElse(1));
        if (dims < 1 || dims > xt.rank()) {
            throw in.error("normalized_dims", "must lie in [1, rank of x = " + xt.rank() + "], got " + dims);
        }
        long[] normalised = Arrays.copyOfRange(xt.shape(), xt.rank() - dims, xt.rank());
        String layout = DType.shapeText(normalised);
        NDArray x = toNd(m, xt);
        // DJL reduces over one axis at a time only: flatten the normalised dims into one.
        long width = Arrays.stream(normalised).reduce(1, (a, b) -> a * b);
        NDArray rows = x.reshape(-1, width);
        NDArray centred = rows.sub(rows.mean(new int[] {1}, true));
        NDArray var = centred.square().mean(new int[] {1}, true);
        NDArray y = centred.div(var.add(NdModel.scalar(x, in.number("eps", 1e-5))).sqrt()).reshape(x.getShape());
        NDArray weight = in.optional("weight", layout, normalised).map(t -> toNd(m, t)).orElse(null);
        NDArray bias = in.optional("bias", layout, normalised).map(t -> toNd(m, t)).orElse(null);
        y = weight == null ? y : y.mul(weight);
        return Map.of("y", bias == null ? y : y.add(bias));
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long[] shape = Arrays.stream(hyper.required("normalized_shape").values()).mapToLong(v -> (long) v).toArray();
        Map<String, Tensor> out = new HashMap<>();
        out.put("weight", DefaultInit.filled(1, shape));
        out.put("bias", DefaultInit.filled(0, shape));
        return out;
    }
}

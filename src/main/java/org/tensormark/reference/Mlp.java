package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.array;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A multi-layer perceptron forward pass over fully connected layers {@code layers.i.weight}
 * (out, in) and optional {@code layers.i.bias}, i = 0, 1, ... (the names of an nn.ModuleList
 * called {@code layers}), with one activation on hidden layers and another on the output.
 */
final class Mlp {

    private Mlp() {
    }

    static List<ReferenceModel> all() {
        List<ReferenceModel.Param> forward = List.of(
                required("x", "(N, in)", "inputs"),
                required("layers.{k}.weight", "(out, in)", "layer k's weight, the first reading x"),
                optional("layers.{k}.bias", "(out,)", "layer k's bias, none when absent"),
                optional("activation", "()", "hidden activation: " + Nonlinearity.CODES + "; default sigmoid"),
                optional("output_activation", "()", "output activation, same codes; default identity"));
        List<ReferenceModel.Param> count = List.of(
                required("sizes", "(L,)", "layer widths from input to output, e.g. [3, 4, 2]"),
                optional("bias", "()", "1 when every layer has a bias (default), 0 otherwise"));
        return List.of(
                new NdModel("mlp", "multi-layer perceptron forward pass", forward, List.of("y"),
                        Mlp::forward, Mlp::init),
                new NdModel("parameter_count", "number of weights (and biases) of a fully connected network",
                        count, List.of("count"), (in, m) -> {
                            Tensor sizes = in.required("sizes", "(L,)", ANY);
                            in.checkIntegral("sizes", sizes);
                            long[] widths = Arrays.stream(sizes.values()).mapToLong(v -> (long) v).toArray();
                            return Map.of("count", m.create(parameterCount(widths, in.flag("bias", true))));
                        }));
    }

    /** Weights between consecutive layers of the given widths, plus one bias per non-input unit. */
    static long parameterCount(long[] widths, boolean bias) {
        long count = 0;
        for (int i = 1; i < widths.length; i++) {
            count += widths[i - 1] * widths[i] + (bias ? widths[i] : 0);
        }
        return count;
    }

    private static Map<String, NDArray> forward(ModelInputs in, NDManager m) {
        NDArray h = array(m, in, "x", "(N, in)", ANY, ANY);
        Nonlinearity hidden = Nonlinearity.read(in, "activation", Nonlinearity.SIGMOID);
        Nonlinearity output = Nonlinearity.read(in, "output_activation", Nonlinearity.IDENTITY);
        int layers = 0;
        while (in.has("layers." + layers + ".weight")) {
            layers++;
        }
        if (layers == 0) {
            in.required("layers.0.weight");
        }
        for (int i = 0; i < layers; i++) {
            long width = h.getShape().get(1);
            NDArray w = array(m, in, "layers." + i + ".weight", "(out, " + width + ")", ANY, width);
            long out = w.getShape().get(0);
            h = h.matMul(w.transpose());
            NDArray bias = in.optional("layers." + i + ".bias", "(" + out + ",)", out).map(t -> toNd(m, t)).orElse(null);
            if (bias != null) {
                h = h.add(bias);
            }
            h = (i == layers - 1 ? output : hidden).apply(h);
        }
        return Map.of("y", h);
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        Tensor sizes = hyper.required("sizes", "(L,)", ANY);
        boolean bias = hyper.flag("bias", true);
        Map<String, Tensor> out = new HashMap<>();
        for (int i = 1; i < sizes.size(); i++) {
            random.linear(out, "layers." + (i - 1) + ".", (long) sizes.values()[i - 1], (long) sizes.values()[i], bias);
        }
        return out;
    }
}

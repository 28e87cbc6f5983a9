package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * One graph-convolution layer after Kipf and Welling: A_hat = D^-1/2 (A + I) D^-1/2 with D the
 * degrees of A + I, and H' = act(A_hat H W + b), W in (in_features, out_features) layout.
 */
final class GraphConvolution {

    private GraphConvolution() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("adjacency", "(n, n)", "adjacency matrix without self-loops, non-negative"),
                required("x", "(n, f)", "node features H"),
                required("weight", "(f, g)", "layer weight W"),
                optional("bias", "(g,)", "layer bias, default none"),
                optional("activation", "()", Nonlinearity.CODES + "; default relu"));
        return new NdModel("graph_convolution", "GCN layer (Kipf & Welling)", params, List.of("y", "a_hat"),
                GraphConvolution::forward, GraphConvolution::init);
    }

    private static Map<String, NDArray> forward(ModelInputs in, NDManager m) {
        Tensor at = in.required("adjacency", "(n, n)", ANY, ANY);
        long n = at.shape()[0];
        in.checkShape("adjacency", at, "(n, n)", n, n);
        for (double v : at.values()) {
            if (!(v >= 0)) {
                throw in.error("adjacency", "must be non-negative, got " + v);
            }
        }
        NDArray h = toNd(m, in.required("x", "(n, f)", n, ANY));
        NDArray w = toNd(m, in.required("weight", "(f, g)", h.getShape().get(1), ANY));
        Nonlinearity activation = Nonlinearity.read(in, "activation", Nonlinearity.RELU);
        NDArray a = toNd(m, at).toType(h.getDataType(), false);
        NDArray selfLoops = a.add(m.eye((int) n).toType(a.getDataType(), false));
        NDArray inverseRoot = selfLoops.sum(new int[] {1}).sqrt().pow(-1);
        NDArray aHat = selfLoops.mul(inverseRoot.reshape(n, 1)).mul(inverseRoot.reshape(1, n));
        NDArray y = aHat.matMul(h).matMul(w);
        NDArray bias = in.optional("bias", "(g,)", w.getShape().get(1)).map(t -> toNd(m, t)).orElse(null);
        return Map.of("y", activation.apply(bias == null ? y : y.add(bias)), "a_hat", aHat);
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long f = hyper.requiredInteger("in_features");
        long g = hyper.requiredInteger("out_features");
        // Glorot uniform, as in Kipf & Welling's reference implementation; bias starts at zero.
        Map<String, Tensor> out = new HashMap<>();
        out.put("weight", random.uniform(Math.sqrt(6.0 / (f + g)), f, g));
        out.put("bias", DefaultInit.filled(0, g));
        return out;
    }
}

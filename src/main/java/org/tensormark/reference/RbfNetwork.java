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
 * A radial-basis-function network: Gaussian units phi_k(x) = exp(-||x - c_k||^2 / (2 sigma_k^2))
 * followed by a linear output layer y = phi W^T + b.
 */
final class RbfNetwork {

    private RbfNetwork() {
    }

    static ReferenceModel model() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, d)", "inputs"),
                required("centres", "(K, d)", "unit centres"),
                required("widths", "(K,)", "unit widths sigma, > 0"),
                required("weight", "(out, K)", "output weights"),
                optional("bias", "(out,)", "output bias, default none"));
        return new NdModel("rbf_network", "RBF network with Gaussian units", params, List.of("y", "phi"),
                RbfNetwork::forward, RbfNetwork::init);
    }

    private static Map<String, NDArray> forward(ModelInputs in, NDManager m) {
        Tensor xt = in.required("x", "(N, d)", ANY, ANY);
        Tensor ct = in.required("centres", "(K, d)", ANY, xt.shape()[1]);
        long k = ct.shape()[0];
        Tensor widths = in.required("widths", "(K,)", k);
        for (double w : widths.values()) {
            if (!(w > 0)) {
                throw in.error("widths", "must all be positive, got " + w);
            }
        }
        NDArray x = toNd(m, xt);
        NDArray c = toNd(m, ct);
        NDArray sigma = toNd(m, widths);
        NDArray w = toNd(m, in.required("weight", "(out, K)", ANY, k));
        NDArray squared = x.expandDims(1).sub(c.expandDims(0)).square().sum(new int[] {2});
        NDArray phi = squared.div(sigma.square().mul(2)).neg().exp();
        NDArray y = phi.matMul(w.transpose());
        NDArray bias = in.optional("bias", "(out,)", w.getShape().get(0)).map(t -> toNd(m, t)).orElse(null);
        return Map.of("y", bias == null ? y : y.add(bias), "phi", phi);
    }

    private static Map<String, Tensor> init(DefaultInit random, ModelInputs hyper) {
        long d = hyper.requiredInteger("in_features");
        long k = hyper.requiredInteger("units");
        Map<String, Tensor> out = new HashMap<>();
        out.put("centres", random.uniform(1, k, d));
        out.put("widths", DefaultInit.filled(1, k));
        random.linear(out, "", k, hyper.requiredInteger("out_features"), true);
        return out;
    }
}

package org.tensormark.reference;

import static org.tensormark.reference.ModelInputs.ANY;
import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdModel.optional;
import static org.tensormark.reference.NdModel.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * A radial-basis-function network: Gaussian units phi_k(x) = exp(-||x - c_k||^2 / (2 sigma_k^2))
 * followed by a linear output layer y = phi W^T + b; and its fit: with the centres and widths
 * given, the output layer is linear in its parameters, so least squares fits it in one step.
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

    /**
     * The least-squares output layer for given units: weight (out, K) and bias (out,) minimising
     * ||phi W^T + b - target||^2, from the normal equations in float64 refined against the
     * residual (N must be at least K + 1 and the design [phi, 1] of full column rank, as with
     * distinct centres and inputs).
     */
    static ReferenceModel fitModel() {
        List<ReferenceModel.Param> params = List.of(
                required("x", "(N, d)", "inputs, N >= K + 1"),
                required("target", "(N, out)", "the values to fit"),
                required("centres", "(K, d)", "unit centres"),
                required("widths", "(K,)", "unit widths sigma, > 0"));
        return new NdModel("rbf_fit", "RBF network output layer fitted by least squares", params,
                List.of("weight", "bias", "phi"), RbfNetwork::fit);
    }

    private static Map<String, NDArray> fit(ModelInputs in, NDManager m) {
        NDArray phi = units(in, m);
        long n = phi.getShape().get(0);
        long k = phi.getShape().get(1);
        if (n < k + 1) {
            throw in.error("x", "needs at least K + 1 = " + (k + 1) + " rows to fit K weights and a bias, got " + n);
        }
        NDArray target = toNd(m, in.required("target", "(N, out)", n, ANY));
        DataType working = phi.getDataType();
        NDArray design = phi.concat(m.ones(new Shape(n, 1), working), 1).toType(DataType.FLOAT64, false);
        NDArray y = target.toType(DataType.FLOAT64, false);
        NDArray pseudoInverse = design.transpose().matMul(design).inverse().matMul(design.transpose());
        NDArray solution = pseudoInverse.matMul(y);
        // Refinement against the residual: the normal equations square the condition number, two
        // correction steps bring the solution back to the accuracy of an orthogonal (QR) solver.
        for (int refinement = 0; refinement < 2; refinement++) {
            solution = solution.add(pseudoInverse.matMul(y.sub(design.matMul(solution))));
        }
        solution = solution.toType(working, false);
        return Map.of("weight", solution.get(new NDIndex("0:{}", k)).transpose(),
                "bias", solution.get(new NDIndex("{}", k)), "phi", phi);
    }

    /** The Gaussian units phi (N, K) of the inputs x, centres and widths. */
    private static NDArray units(ModelInputs in, NDManager m) {
        Tensor xt = in.required("x", "(N, d)", ANY, ANY);
        Tensor ct = in.required("centres", "(K, d)", ANY, xt.shape()[1]);
        Tensor widths = in.required("widths", "(K,)", ct.shape()[0]);
        for (double w : widths.values()) {
            if (!(w > 0)) {
                throw in.error("widths", "must all be positive, got " + w);
            }
        }
        NDArray x = toNd(m, xt);
        NDArray c = toNd(m, ct);
        NDArray sigma = toNd(m, widths);
        NDArray squared = x.expandDims(1).sub(c.expandDims(0)).square().sum(new int[] {2});
        return squared.div(sigma.square().mul(2)).neg().exp();
    }

    private static Map<String, NDArray> forward(ModelInputs in, NDManager m) {
        NDArray phi = units(in, m);
        long k = phi.getShape().get(1);
        NDArray w = toNd(m, in.required("weight", "(out, K)", ANY, k));
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

package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The first step of torch.optim.SGD (no momentum) or torch.optim.Adam from a fresh optimiser
 * state, computed as PyTorch computes it: for Adam m = (1-b1) g, v = (1-b2) g^2,
 * p -= lr / (1-b1) * m / (sqrt(v) / sqrt(1-b2) + eps).
 */
record OptimiserStep(boolean adam, double lr, double beta1, double beta2, double eps) {

    static OptimiserStep read(ModelInputs in) {
        return new OptimiserStep(in.flag("adam", false), in.requiredNumber("lr"), in.number("beta1", 0.9),
                in.number("beta2", 0.999), in.number("adam_eps", 1e-8));
    }

    List<NDArray> apply(List<NDArray> parameters, List<NDArray> gradients) {
        List<NDArray> updated = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            updated.add(step(parameters.get(i), gradients.get(i)).stopGradient());
        }
        return updated;
    }

    private NDArray step(NDArray p, NDArray g) {
        if (!adam) {
            return p.sub(g.mul(lr));
        }
        return AdamUpdate.step(p, g, null, null, 1, lr, beta1, beta2, eps).param();
    }
}

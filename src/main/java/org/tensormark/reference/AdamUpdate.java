package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.Adam's update (betas 0.9 and 0.999, eps 1e-8, no weight decay) for the reference
 * trainers, composed from NDArray operations. Each step returns new leaves instead of changing the
 * parameters in place: PyTorch refuses in-place changes to a leaf that requires grad whenever grad
 * mode happens to be on in this thread.
 */
final class AdamUpdate {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double lr;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private int steps;

    AdamUpdate(double lr) {
        this.lr = lr;
    }

    /** The moment estimates, so that a trainer can move them into an epoch's manager with the parameters. */
    List<NDArray> state() {
        List<NDArray> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The parameters after one step from their gradients (set by the last backward pass); the new
     * parameters and moments belong to {@code keep}, so that closing the epoch's manager frees the rest.
     */
    List<NDArray> step(List<NDArray> params, NDManager keep) {
        steps++;
        List<NDArray> next = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            Step step = step(p, p.getGradient(), first.size() > i ? first.get(i) : null,
                    second.size() > i ? second.get(i) : null, steps, lr, BETA1, BETA2, EPS);
            NDArray m = step.expAvg();
            NDArray v = step.expAvgSq();
            NDArray updated = step.param().stopGradient();
            updated.setRequiresGradient(true);
            m.attach(keep);
            v.attach(keep);
            updated.attach(keep);
            set(first, i, m);
            set(second, i, v);
            next.add(updated);
        }
        return next;
    }

    /** One Adam step's results: the new parameter and moment estimates. */
    record Step(NDArray param, NDArray expAvg, NDArray expAvgSq) {
    }

    /**
     * One torch.optim.Adam step as PyTorch computes it (step {@code t} from 1; null moments: a
     * fresh optimiser): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g², p -= lr / (1-b1^t) · m /
     * (sqrt(v) / sqrt(1-b2^t) + eps). The one place of this formula for every reference model.
     */
    static Step step(NDArray p, NDArray g, NDArray expAvg, NDArray expAvgSq, int t, double lr, double beta1,
            double beta2, double eps) {
        NDArray m1 = (expAvg == null ? g.zerosLike() : expAvg).mul(beta1).add(g.mul(1 - beta1));
        NDArray m2 = (expAvgSq == null ? g.zerosLike() : expAvgSq).mul(beta2).add(g.mul(g).mul(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        NDArray denominator = m2.sqrt().div(Math.sqrt(correction2)).add(eps);
        return new Step(p.sub(m1.div(denominator).mul(lr / correction1)), m1, m2);
    }

    private static void set(List<NDArray> list, int i, NDArray value) {
        if (list.size() > i) {
            list.set(i, value);
        } else {
            list.add(value);
        }
    }
}

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
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        List<NDArray> next = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            NDArray m = first.size() > i ? first.get(i).mul(BETA1).add(g.mul(1 - BETA1)) : g.mul(1 - BETA1);
            NDArray v = second.size() > i ? second.get(i).mul(BETA2).add(g.square().mul(1 - BETA2))
                    : g.square().mul(1 - BETA2);
            NDArray denominator = v.div(correction2).sqrt().add(EPS);
            NDArray updated = p.sub(m.div(correction1).div(denominator).mul(lr)).stopGradient();
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

    private static void set(List<NDArray> list, int i, NDArray value) {
        if (list.size() > i) {
            list.set(i, value);
        } else {
            list.add(value);
        }
    }
}

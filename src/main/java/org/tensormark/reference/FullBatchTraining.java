package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Full-batch training with Adam on DJL's autograd for the reference trainers. Each epoch runs in
 * a sub-manager that is closed when the epoch ends, so the forward and backward passes' arrays
 * do not pile up over hundreds of epochs; only the parameters and Adam's moments are kept.
 */
final class FullBatchTraining {

    private FullBatchTraining() {
    }

    /**
     * The parameters after {@code epochs} steps on {@code loss}, a scalar computed from the
     * parameters (in the order given) and the training data the closure holds; {@code data} lists
     * those arrays so that each epoch's arrays are freed with the epoch.
     */
    static List<NDArray> train(NDManager manager, List<NDArray> initial, List<NDArray> data, int epochs, double lr,
            Function<List<NDArray>, NDArray> loss) {
        List<NDArray> params = new ArrayList<>(initial);
        params.forEach(p -> p.setRequiresGradient(true));
        AdamUpdate adam = new AdamUpdate(lr);
        for (int epoch = 0; epoch < epochs; epoch++) {
            try (NDManager scope = manager.newSubManager()) {
                data.forEach(a -> a.tempAttach(scope));
                params.forEach(a -> a.tempAttach(scope));
                adam.state().forEach(a -> a.tempAttach(scope));
                List<NDArray> current = params;
                ReferenceRuntime.withGradients(gc -> {
                    gc.backward(loss.apply(current));
                    return null;
                });
                params = adam.step(current, manager);
            }
        }
        return params;
    }

    /** A float32 array uniform in ±{@code bound} (PyTorch's default range for recurrent and linear layers). */
    static NDArray uniform(NDManager manager, SplittableRandom random, double bound, long... shape) {
        int size = 1;
        for (long s : shape) {
            size *= (int) s;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return manager.create(values, new ai.djl.ndarray.types.Shape(shape));
    }
}

package org.tensormark.grading;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensormark.reference.ReferenceRuntime;
import org.tensormark.tensor.Tensor;

/**
 * The DJL reference for a {@code train} check: a tanh MLP (images flattened) trained with full-batch gradient
 * descent on softmax cross-entropy (DJL autograd), from a seeded initialisation, for a fixed
 * number of epochs. Its test accuracy sets the bar the hand-in is measured against.
 */
final class ReferenceTrainer {

    private ReferenceTrainer() {
    }

    /** Trains on (x, y) and returns the accuracy on (testX, testY). */
    static double accuracy(Datasets.Labelled train, Datasets.Labelled test, List<Integer> hidden, int epochs, double lr,
            long seed) {
        int classes = (int) java.util.Arrays.stream(train.y().values()).max().orElse(1) + 1;
        try (NDManager m = ReferenceRuntime.newManager()) {
            NDArray x = flat(m, train.x());
            NDArray y = m.create(toInts(train.y()));
            List<NDArray> params = init(m, (int) x.getShape().get(1), hidden, classes, seed);
            for (int epoch = 0; epoch < epochs; epoch++) {
                ReferenceRuntime.withGradients(gc -> {
                    NDArray logits = forward(x, params);
                    NDArray loss = logits.logSoftmax(1).get(new ai.djl.ndarray.index.NDIndex().addAllDim()
                            .addPickDim(y.reshape(-1, 1))).neg().mean();
                    gc.backward(loss);
                    return null;
                });
                // New leaves each step instead of in-place updates: PyTorch refuses in-place changes
                // to a leaf that requires grad whenever grad mode happens to be on in this thread.
                for (int i = 0; i < params.size(); i++) {
                    NDArray p = params.get(i);
                    NDArray next = p.sub(p.getGradient().mul(lr)).stopGradient();
                    next.setRequiresGradient(true);
                    params.set(i, next);
                }
            }
            NDArray tx = flat(m, test.x());
            NDArray predicted = forward(tx, params).argMax(1).toType(DataType.INT32, false);
            NDArray truth = m.create(toInts(test.y()));
            return predicted.eq(truth).sum().toType(DataType.FLOAT32, false).getFloat() / test.y().size();
        }
    }

    /** The inputs as a float32 matrix, one flattened example per row (images become pixel vectors). */
    private static NDArray flat(NDManager m, Tensor t) {
        return m.create(t.values(), new Shape(t.shape())).toType(DataType.FLOAT32, false).reshape(t.shape()[0], -1);
    }

    private static List<NDArray> init(NDManager m, int in, List<Integer> hidden, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NDArray> params = new ArrayList<>();
        int fanIn = in;
        List<Integer> sizes = new ArrayList<>(hidden);
        sizes.add(classes);
        for (int out : sizes) {
            float bound = (float) (1 / Math.sqrt(fanIn));
            float[] w = new float[fanIn * out];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            NDArray weight = m.create(w, new Shape(fanIn, out));
            NDArray bias = m.zeros(new Shape(out));
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            params.add(weight);
            params.add(bias);
            fanIn = out;
        }
        return params;
    }

    private static NDArray forward(NDArray x, List<NDArray> params) {
        NDArray h = x;
        for (int i = 0; i < params.size(); i += 2) {
            h = h.matMul(params.get(i)).add(params.get(i + 1));
            if (i + 2 < params.size()) {
                h = h.tanh();
            }
        }
        return h;
    }

    private static int[] toInts(Tensor t) {
        return java.util.Arrays.stream(t.values()).mapToInt(v -> (int) v).toArray();
    }

}

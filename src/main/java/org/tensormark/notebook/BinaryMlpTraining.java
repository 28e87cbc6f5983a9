package org.tensormark.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tensormark.reference.ReferenceRuntime;

/**
 * The handout's binary classifier trained with DJL: ReLU hidden layers each followed by dropout,
 * one sigmoid output, binary cross-entropy, Adam, mini-batches reshuffled every epoch, and early
 * stopping on the validation loss (stop once it has not fallen for {@code patience} epochs).
 * Initialised as PyTorch's {@code nn.Linear} (uniform in ±1/√fan-in) from {@code seed}.
 */
final class BinaryMlpTraining {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private BinaryMlpTraining() {
    }

    /** Trains on {@code fit}, stopping early on {@code validation}; the accuracy on {@code test} at threshold 0.5. */
    static double testAccuracy(LabelledTable fit, LabelledTable validation, LabelledTable test, HandoutModel.Training s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager m = ReferenceRuntime.newManager()) {
            List<NDArray> params = init(m, fit.x()[0].length, s.hidden(), random);
            List<NDArray[]> moments = params.stream().map(p -> new NDArray[] {p.zerosLike(), p.zerosLike()}).toList();
            double best = Double.POSITIVE_INFINITY;
            int waited = 0;
            int step = 0;
            for (int epoch = 0; epoch < s.epochs() && waited < s.patience(); epoch++) {
                for (int[] batch : batches(fit.y().length, s.batchSize(), random)) {
                    LabelledTable b = fit.select(batch);
                    NDArray x = matrix(m, b.x());
                    NDArray y = m.create(toFloats(b.y()));
                    List<float[][]> masks = masks(batch.length, s.hidden(), s.dropout(), random);
                    ReferenceRuntime.withGradients(gc -> {
                        gc.backward(loss(logits(x, params, masks, m), y));
                        return null;
                    });
                    step++;
                    adam(params, moments, s.learningRate(), step);
                }
                double validationLoss = evaluate(m, validation, params, s.hidden().size())[0];
                if (validationLoss < best) {
                    best = validationLoss;
                    waited = 0;
                } else {
                    waited++;
                }
            }
            return evaluate(m, test, params, s.hidden().size())[1];
        }
    }

    /** Mean loss and accuracy without dropout. */
    private static double[] evaluate(NDManager m, LabelledTable t, List<NDArray> params, int hidden) {
        NDArray z = logits(matrix(m, t.x()), params, null, m);
        NDArray y = m.create(toFloats(t.y()));
        double loss = loss(z, y).getFloat();
        double accuracy = z.gt(0).toType(DataType.FLOAT32, false).eq(y).toType(DataType.FLOAT32, false).mean().getFloat();
        return new double[] {loss, accuracy};
    }

    /** The output layer's pre-activation; sigmoid(z) &gt; 0.5 exactly when z &gt; 0. */
    private static NDArray logits(NDArray x, List<NDArray> params, List<float[][]> masks, NDManager m) {
        NDArray h = x;
        for (int i = 0; i < params.size(); i += 2) {
            h = h.matMul(params.get(i)).add(params.get(i + 1));
            if (i + 2 < params.size()) {
                h = h.maximum(0f);
                if (masks != null) {
                    float[][] mask = masks.get(i / 2);
                    h = h.mul(matrix(m, mask));
                }
            }
        }
        return h.reshape(-1);
    }

    /** Binary cross-entropy of sigmoid(z) against y, in the stable form softplus(z) - y·z. */
    private static NDArray loss(NDArray z, NDArray y) {
        NDArray softplus = z.maximum(0f).add(z.abs().neg().exp().add(1).log());
        return softplus.sub(y.mul(z)).mean();
    }

    private static void adam(List<NDArray> params, List<NDArray[]> moments, double lr, int step) {
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            NDArray[] mv = moments.get(i);
            mv[0] = mv[0].mul(BETA1).add(g.mul(1 - BETA1));
            mv[1] = mv[1].mul(BETA2).add(g.square().mul(1 - BETA2));
            NDArray update = mv[0].div(correction1).div(mv[1].div(correction2).sqrt().add(EPSILON)).mul(lr);
            NDArray next = p.sub(update).stopGradient();
            next.setRequiresGradient(true);
            params.set(i, next);
        }
    }

    private static List<NDArray> init(NDManager m, int in, List<Integer> hidden, SplittableRandom random) {
        List<NDArray> params = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>(hidden);
        sizes.add(1);
        int fanIn = in;
        for (int out : sizes) {
            double bound = 1 / Math.sqrt(fanIn);
            for (Shape shape : List.of(new Shape(fanIn, out), new Shape(out))) {
                float[] values = new float[(int) shape.size()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
                NDArray p = m.create(values, shape);
                p.setRequiresGradient(true);
                params.add(p);
            }
            fanIn = out;
        }
        return params;
    }

    /** Dropout masks of one batch: 0 with probability p, else 1/(1-p) (inverted dropout, as PyTorch). */
    private static List<float[][]> masks(int rows, List<Integer> hidden, double p, SplittableRandom random) {
        List<float[][]> masks = new ArrayList<>();
        for (int width : hidden) {
            float[][] mask = new float[rows][width];
            for (float[] row : mask) {
                for (int k = 0; k < width; k++) {
                    row[k] = random.nextDouble() < p ? 0f : (float) (1 / (1 - p));
                }
            }
            masks.add(mask);
        }
        return masks;
    }

    private static List<int[]> batches(int n, int size, SplittableRandom random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            batches.add(Arrays.copyOfRange(order, from, Math.min(n, from + size)));
        }
        return batches;
    }

    private static NDArray matrix(NDManager m, float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return m.create(flat, new Shape(rows.length, rows[0].length));
    }

    private static float[] toFloats(int[] labels) {
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }
}

package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.SplittableRandom;
import org.tensormark.tensor.Tensor;

/**
 * The DJL reference for a reconstruction {@code train} check: the course's MLP autoencoder
 * (encoder Linear(D, H)–ReLU–Linear(H, Z), no activation on the code; decoder Linear(Z, H)–ReLU–
 * Linear(H, D)–Sigmoid) trained full-batch with Adam on the mean squared error from a seeded
 * PyTorch-style initialisation. Its held-out reconstruction error sets the bar the hand-in is
 * measured against.
 */
public final class AutoencoderTrainer {

    private AutoencoderTrainer() {
    }

    /** Trains on {@code train} (N, D) and returns the mean squared reconstruction error on {@code test} (M, D). */
    public static double reconstructionError(Tensor train, Tensor test, int hidden, int code, int epochs, double lr,
            long seed) {
        try (NDManager m = ReferenceRuntime.newManager()) {
            NDArray x = rows(m, train);
            List<NDArray> params = FullBatchTraining.train(m, initialise(m, (int) train.shape()[1], hidden, code, seed),
                    List.of(x), epochs, lr, p -> reconstruct(x, p).sub(x).square().mean());
            NDArray held = rows(m, test);
            return reconstruct(held, params).sub(held).square().mean().getFloat();
        }
    }

    private static NDArray rows(NDManager m, Tensor t) {
        if (t.shape().length != 2) {
            throw new IllegalArgumentException("examples must be (N, D), got " + t.shapeText());
        }
        return m.create(t.values(), new Shape(t.shape())).toType(DataType.FLOAT32, false);
    }

    /** Four Linear layers (weight (out, in), bias), uniform in ±1/sqrt(in) as PyTorch draws them. */
    private static List<NDArray> initialise(NDManager m, int features, int hidden, int code, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] layers = {{features, hidden}, {hidden, code}, {code, hidden}, {hidden, features}};
        NDArray[] params = new NDArray[2 * layers.length];
        for (int i = 0; i < layers.length; i++) {
            double bound = 1 / Math.sqrt(layers[i][0]);
            params[2 * i] = FullBatchTraining.uniform(m, random, bound, layers[i][1], layers[i][0]);
            params[2 * i + 1] = FullBatchTraining.uniform(m, random, bound, layers[i][1]);
        }
        return List.of(params);
    }

    private static NDArray reconstruct(NDArray x, List<NDArray> p) {
        NDArray code = linear(Activation.relu(linear(x, p, 0)), p, 1);
        return Activation.sigmoid(linear(Activation.relu(linear(code, p, 2)), p, 3));
    }

    private static NDArray linear(NDArray x, List<NDArray> p, int layer) {
        return x.matMul(p.get(2 * layer).transpose()).add(p.get(2 * layer + 1));
    }
}

package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensormark.tensor.Tensor;

/**
 * The DJL reference for a sequence-classification {@code train} check: a one-layer recurrent
 * network (an LSTM, a GRU or a tanh RNN, one time step at a time with the reference cells, since
 * DJL's own recurrent blocks are not PyTorch's) whose last hidden state feeds a Linear layer to
 * the class logits, trained full-batch with Adam on the mean cross-entropy from a seeded
 * PyTorch-style initialisation. Its held-out accuracy sets the bar the hand-in is measured against.
 */
public final class RecurrentClassifierTrainer {

    private RecurrentClassifierTrainer() {
    }

    /**
     * Trains on sequences {@code x} (N, L, F) with labels {@code y} (N,) and returns the accuracy
     * on ({@code testX}, {@code testY}).
     *
     * @param cell {@code lstm}, {@code gru} or {@code rnn}
     */
    public static double accuracy(Tensor x, Tensor y, Tensor testX, Tensor testY, String cell, int hidden, int epochs,
            double lr, long seed) {
        RecurrentCell recurrent = cell(cell);
        int classes = (int) Arrays.stream(y.values()).max().orElse(1) + 1;
        try (NDManager m = ReferenceRuntime.newManager()) {
            NDArray train = sequences(m, x);
            NDArray labels = m.create(labels(y)).reshape(-1, 1);
            List<NDArray> initial = initialise(m, recurrent.gates(), (int) x.shape()[2], hidden, classes, seed);
            List<NDArray> params = FullBatchTraining.train(m, initial, List.of(train, labels), epochs, lr,
                    p -> logits(recurrent, train, p).logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labels))
                            .neg().mean());
            NDArray predicted = logits(recurrent, sequences(m, testX), params).argMax(1).toType(DataType.INT32, false);
            NDArray truth = m.create(labels(testY));
            return predicted.eq(truth).sum().toType(DataType.FLOAT32, false).getFloat() / testY.size();
        }
    }

    private static RecurrentCell cell(String name) {
        return switch (name) {
            case "lstm" -> new Lstm();
            case "gru" -> new Gru();
            case "rnn" -> new Rnn(false);
            default -> throw new IllegalArgumentException("unknown recurrent cell '" + name + "' (lstm, gru, rnn)");
        };
    }

    /** (N, L, F) as float32, time first (L, N, F) as the cells read it. */
    private static NDArray sequences(NDManager m, Tensor t) {
        if (t.shape().length != 3) {
            throw new IllegalArgumentException("sequences must be (N, L, F), got " + t.shapeText());
        }
        return m.create(t.values(), new Shape(t.shape())).toType(DataType.FLOAT32, false).transpose(1, 0, 2);
    }

    private static int[] labels(Tensor t) {
        return Arrays.stream(t.values()).mapToInt(v -> (int) v).toArray();
    }

    /** weight_ih, weight_hh, bias_ih, bias_hh, head.weight, head.bias, uniform in ±1/sqrt(hidden) as PyTorch draws them. */
    private static List<NDArray> initialise(NDManager m, int gates, int features, int hidden, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(hidden);
        return List.of(
                FullBatchTraining.uniform(m, random, bound, (long) gates * hidden, features),
                FullBatchTraining.uniform(m, random, bound, (long) gates * hidden, hidden),
                FullBatchTraining.uniform(m, random, bound, (long) gates * hidden),
                FullBatchTraining.uniform(m, random, bound, (long) gates * hidden),
                FullBatchTraining.uniform(m, random, bound, classes, hidden),
                FullBatchTraining.uniform(m, random, bound, classes));
    }

    /** The class logits (N, C) from the last time step's hidden state. */
    private static NDArray logits(RecurrentCell cell, NDArray sequences, List<NDArray> p) {
        long length = sequences.getShape().get(0);
        long batch = sequences.getShape().get(1);
        long hidden = p.get(1).getShape().get(1);
        NDArray zeros = sequences.getManager().zeros(new Shape(batch, hidden));
        NDList state = cell.hasCellState() ? new NDList(zeros, zeros) : new NDList(zeros);
        NDArray inputs = sequences.matMul(p.get(0).transpose()).add(p.get(2));
        for (long t = 0; t < length; t++) {
            state = cell.step(inputs.get(t), state, p.get(1), p.get(3));
        }
        return state.get(0).matMul(p.get(4).transpose()).add(p.get(5));
    }
}

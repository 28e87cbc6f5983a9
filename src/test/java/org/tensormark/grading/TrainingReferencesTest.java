package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensormark.reference.AutoencoderTrainer;
import org.tensormark.reference.RecurrentClassifierTrainer;

/**
 * The DJL references of A3's and A4's training checks learn their generated tasks: the recurrent
 * classifier solves the adding problem far above chance, the autoencoder reconstructs held-out
 * points far below their variance, both within seconds of CPU.
 */
class TrainingReferencesTest {

    @Test
    void theReferenceLstmLearnsTheAddingProblemFarAboveChance() {
        Datasets.Labelled train = Datasets.generate("adding", 1000, 0, 31);
        Datasets.Labelled test = Datasets.generate("adding", 400, 0, 31 + 7919);
        long start = System.nanoTime();
        double accuracy = RecurrentClassifierTrainer.accuracy(train.x(), train.y(), test.x(), test.y(), "lstm", 12, 100,
                0.05, 31);
        System.out.printf("LSTM reference: accuracy %.4f in %.2f s%n", accuracy, (System.nanoTime() - start) / 1e9);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void theReferenceAutoencoderReconstructsHeldOutPointsFarBelowTheirVariance() {
        ManifoldData.Split data = ManifoldData.generate(600, 400, 0.02, 41);
        long start = System.nanoTime();
        double error = AutoencoderTrainer.reconstructionError(data.train(), data.test(), 16, 2, 500, 0.01, 41);
        System.out.printf("autoencoder reference: MSE %.6f (variance %.6f) in %.2f s%n", error, variance(data),
                (System.nanoTime() - start) / 1e9);
        assertTrue(error < variance(data) / 10, "error " + error + ", variance " + variance(data));
    }

    /** The mean squared error of predicting every held-out point as the held-out mean. */
    private static double variance(ManifoldData.Split data) {
        double[] v = data.test().values();
        int d = (int) data.test().shape()[1];
        int n = v.length / d;
        double total = 0;
        for (int j = 0; j < d; j++) {
            final int col = j;
            double mean = java.util.stream.IntStream.range(0, n).mapToDouble(i -> v[i * d + col]).average().orElse(0);
            total += java.util.stream.IntStream.range(0, n).mapToDouble(i -> Math.pow(v[i * d + col] - mean, 2)).sum();
        }
        return total / v.length;
    }
}

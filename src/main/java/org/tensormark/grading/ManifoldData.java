package org.tensormark.grading;

import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Unlabelled data for autoencoders: points of a curved two-dimensional surface in
 * {@value #FEATURES} dimensions, {@code x = sigmoid(tanh(z A) B + b) + noise · N(0, 1)} with
 * {@code z ~ N(0, I_2)}. The map (A 2×6, B 6×D, b) is drawn from the seed, so the training and
 * the held-out set come from the same surface; a code of size two can reconstruct the points up to
 * the noise. Float64 (n, D), one point per row.
 */
final class ManifoldData {

    static final int FEATURES = 8;
    private static final int INNER = 6;

    /** The training and the held-out points. */
    record Split(Tensor train, Tensor test) {
    }

    private ManifoldData() {
    }

    static Split generate(int nTrain, int nTest, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = matrix(r, 2, INNER);
        double[][] b = matrix(r, INNER, FEATURES);
        double[] shift = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            shift[j] = 0.3 * Datasets.gaussian(r);
        }
        return new Split(points(r, nTrain, a, b, shift, noise), points(r, nTest, a, b, shift, noise));
    }

    private static Tensor points(SplittableRandom r, int n, double[][] a, double[][] b, double[] shift, double noise) {
        double[] x = new double[n * FEATURES];
        for (int i = 0; i < n; i++) {
            double[] z = {Datasets.gaussian(r), Datasets.gaussian(r)};
            double[] inner = new double[INNER];
            for (int k = 0; k < INNER; k++) {
                inner[k] = Math.tanh(z[0] * a[0][k] + z[1] * a[1][k]);
            }
            for (int j = 0; j < FEATURES; j++) {
                double s = shift[j];
                for (int k = 0; k < INNER; k++) {
                    s += inner[k] * b[k][j];
                }
                x[i * FEATURES + j] = 1 / (1 + Math.exp(-s)) + noise * Datasets.gaussian(r);
            }
        }
        return new Tensor(DType.FLOAT64, new long[] {n, FEATURES}, x);
    }

    private static double[][] matrix(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = Datasets.gaussian(r);
            }
        }
        return m;
    }
}

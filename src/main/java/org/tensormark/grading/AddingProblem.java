package org.tensormark.grading;

import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * The adding problem (Hochreiter and Schmidhuber) as a classification set for recurrent networks:
 * each sequence holds {@value #LENGTH} pairs {@code (u_t, m_t)}, {@code u_t} uniform in [0, 1] and
 * {@code m_t} one at exactly two positions; the label is 1 when the two marked values sum to more
 * than 1, else 0. A model must remember the first marked value until it sees the second, so one
 * that looks at a single time step stays near chance. Float64 sequences (n, L, 2), one per row;
 * int64 labels (n,).
 */
final class AddingProblem {

    static final int LENGTH = 8;

    private AddingProblem() {
    }

    static Datasets.Labelled generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * LENGTH * 2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int first = r.nextInt(LENGTH);
            int second = (first + 1 + r.nextInt(LENGTH - 1)) % LENGTH;
            double sum = 0;
            for (int t = 0; t < LENGTH; t++) {
                int at = (i * LENGTH + t) * 2;
                x[at] = r.nextDouble();
                boolean marked = t == first || t == second;
                x[at + 1] = marked ? 1 : 0;
                sum += marked ? x[at] : 0;
            }
            y[i] = sum > 1 ? 1 : 0;
        }
        return new Datasets.Labelled(new Tensor(DType.FLOAT64, new long[] {n, LENGTH, 2}, x),
                new Tensor(DType.INT64, new long[] {n}, y));
    }
}

package org.tensormark.grading;

import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * A small image set for CNN exercises: 1×12×12 grey images of a horizontal bar (class 0), a
 * vertical bar (1), a hollow square (2) or a diagonal line (3) at a random place, with Gaussian
 * pixel noise. Float64 images (n, 1, 12, 12), int64 labels (n,).
 */
final class ShapeImages {

    static final int SIZE = 12;

    private ShapeImages() {
    }

    static Datasets.Labelled generate(int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] pixels = new double[n * SIZE * SIZE];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            int cls = r.nextInt(4);
            labels[i] = cls;
            int base = i * SIZE * SIZE;
            draw(cls, r, pixels, base);
            for (int p = 0; p < SIZE * SIZE; p++) {
                pixels[base + p] += noise * Datasets.gaussian(r);
            }
        }
        return new Datasets.Labelled(new Tensor(DType.FLOAT64, new long[] {n, 1, SIZE, SIZE}, pixels),
                new Tensor(DType.INT64, new long[] {n}, labels));
    }

    private static void draw(int cls, SplittableRandom r, double[] px, int base) {
        int len = 5 + r.nextInt(4);
        int row = r.nextInt(SIZE - len + 1);
        int col = r.nextInt(SIZE - len + 1);
        for (int k = 0; k < len; k++) {
            switch (cls) {
                case 0 -> set(px, base, row + len / 2, col + k);
                case 1 -> set(px, base, row + k, col + len / 2);
                case 2 -> {
                    set(px, base, row, col + k);
                    set(px, base, row + len - 1, col + k);
                    set(px, base, row + k, col);
                    set(px, base, row + k, col + len - 1);
                }
                default -> set(px, base, row + k, col + k);
            }
        }
    }

    private static void set(double[] px, int base, int row, int col) {
        px[base + row * SIZE + col] = 1.0;
    }
}

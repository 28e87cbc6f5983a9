package org.tensormark.grading;

import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Classification sets generated from a seed (nothing is downloaded): XOR quadrants, two
 * interleaved spirals and Gaussian blobs as float64 points (n, 2), and small images of shapes
 * (see {@link ShapeImages}) and sequences of the adding problem (see {@link AddingProblem}); labels are
 * int64 (n,).
 */
final class Datasets {

    /** Points and labels. */
    record Labelled(Tensor x, Tensor y) {
    }

    private Datasets() {
    }

    static Labelled generate(String name, int n, double noise, long seed) {
        if (name.equals("shapes")) {
            return ShapeImages.generate(n, noise, seed);
        }
        if (name.equals("adding")) {
            return AddingProblem.generate(n, seed);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] point = switch (name) {
                case "xor" -> xor(random, noise, i, y);
                case "spirals" -> spiral(random, noise, i, n, y);
                case "blobs" -> blob(random, noise, i, y);
                default -> throw new IllegalArgumentException("unknown dataset '" + name + "' (xor, spirals, blobs, shapes, adding)");
            };
            x[2 * i] = point[0];
            x[2 * i + 1] = point[1];
        }
        return new Labelled(new Tensor(DType.FLOAT64, new long[] {n, 2}, x), new Tensor(DType.INT64, new long[] {n}, y));
    }

    private static double[] xor(SplittableRandom r, double noise, int i, double[] y) {
        double a = r.nextDouble() * 2 - 1;
        double b = r.nextDouble() * 2 - 1;
        y[i] = a * b > 0 ? 0 : 1;
        return new double[] {a + noise * gaussian(r), b + noise * gaussian(r)};
    }

    private static double[] spiral(SplittableRandom r, double noise, int i, int n, double[] y) {
        int cls = i % 2;
        double t = 0.25 + 3.0 * r.nextDouble();
        double angle = t * Math.PI + cls * Math.PI;
        y[i] = cls;
        return new double[] {t * Math.cos(angle) / 3.25 + noise * gaussian(r), t * Math.sin(angle) / 3.25 + noise * gaussian(r)};
    }

    private static double[] blob(SplittableRandom r, double noise, int i, double[] y) {
        int cls = r.nextInt(3);
        double angle = 2 * Math.PI * cls / 3;
        y[i] = cls;
        return new double[] {Math.cos(angle) + noise * gaussian(r), Math.sin(angle) + noise * gaussian(r)};
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

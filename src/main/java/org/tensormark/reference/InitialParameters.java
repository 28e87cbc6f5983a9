package org.tensormark.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Draws a model's float32 parameters from one seed with PyTorch's default distributions (the same
 * distributions as torch.nn, not the same numbers: the generator is Java's). Parameters are drawn
 * in the order they are added, so one seed always gives the same parameters.
 */
final class InitialParameters {

    private final SplittableRandom random;
    private final Map<String, Tensor> drawn = new LinkedHashMap<>();

    InitialParameters(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** U(-bound, bound), as torch.nn's recurrent layers and (fan-in bound) linear layers use. */
    InitialParameters uniform(String name, double bound, long... shape) {
        double[] v = new double[count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        drawn.put(name, new Tensor(DType.FLOAT32, shape, v));
        return this;
    }

    /** A torch.nn.Linear(in, out) layer: weight (out, in) and bias (out,), both U(-1/sqrt(in), 1/sqrt(in)). */
    InitialParameters linear(String prefix, long in, long out) {
        double bound = 1 / Math.sqrt(in);
        return uniform(prefix + ".weight", bound, out, in).uniform(prefix + ".bias", bound, out);
    }

    /** Xavier (Glorot) uniform for a 2-d weight, as torch.nn.MultiheadAttention's in_proj_weight. */
    InitialParameters xavier(String name, long rows, long columns) {
        return uniform(name, Math.sqrt(6.0 / (rows + columns)), rows, columns);
    }

    /** N(0, 1), as torch.nn.Embedding's weight. */
    InitialParameters normal(String name, long... shape) {
        double[] v = new double[count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) gaussian();
        }
        drawn.put(name, new Tensor(DType.FLOAT32, shape, v));
        return this;
    }

    InitialParameters constant(String name, double value, long... shape) {
        double[] v = new double[count(shape)];
        Arrays.fill(v, value);
        drawn.put(name, new Tensor(DType.FLOAT32, shape, v));
        return this;
    }

    Map<String, Tensor> toMap() {
        return Map.copyOf(drawn);
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}

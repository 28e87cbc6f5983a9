package org.tensormark.reference;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Seeded float32 parameters drawn like PyTorch's default initialisation: linear and convolution
 * weights and biases uniform in +-1/sqrt(fan_in) (kaiming_uniform with a = sqrt(5)), batch-norm
 * scale one, shift zero, running mean zero and running variance one. The same seed gives the same
 * values; they are not PyTorch's random stream.
 */
final class DefaultInit {

    private final SplittableRandom random;

    DefaultInit(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Tensor uniform(double bound, long... shape) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (bound * (2 * random.nextDouble() - 1));
        }
        return new Tensor(DType.FLOAT32, shape, v);
    }

    /** {@code prefix.weight} (out, in) and, when asked, {@code prefix.bias} (out). */
    void linear(Map<String, Tensor> into, String prefix, long in, long out, boolean bias) {
        double bound = 1 / Math.sqrt(in);
        into.put(prefix + "weight", uniform(bound, out, in));
        if (bias) {
            into.put(prefix + "bias", uniform(bound, out));
        }
    }

    /** {@code prefix.weight} (out, in, kernel...) and, when asked, {@code prefix.bias} (out). */
    void convolution(Map<String, Tensor> into, String prefix, long out, long in, long[] kernel, boolean bias) {
        long fanIn = in * Arrays.stream(kernel).reduce(1, (a, b) -> a * b);
        long[] shape = new long[2 + kernel.length];
        shape[0] = out;
        shape[1] = in;
        System.arraycopy(kernel, 0, shape, 2, kernel.length);
        double bound = 1 / Math.sqrt(fanIn);
        into.put(prefix + "weight", uniform(bound, shape));
        if (bias) {
            into.put(prefix + "bias", uniform(bound, out));
        }
    }

    /** Batch-norm affine parameters and running statistics for {@code channels}. */
    static void batchNorm(Map<String, Tensor> into, String prefix, long channels) {
        into.put(prefix + "weight", filled(1, channels));
        into.put(prefix + "bias", filled(0, channels));
        into.put(prefix + "running_mean", filled(0, channels));
        into.put(prefix + "running_var", filled(1, channels));
    }

    static Tensor filled(double value, long... shape) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        Arrays.fill(v, value);
        return new Tensor(DType.FLOAT32, shape, v);
    }
}

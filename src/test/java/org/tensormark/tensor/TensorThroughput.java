package org.tensormark.tensor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark, not a test: prints how fast .npz archives are written and read and how fast two
 * tensors are compared. Run after {@code ./mvnw -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes org.tensormark.tensor.TensorThroughput [elements]}.
 */
final class TensorThroughput {

    private TensorThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        Random random = new Random(1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Tensor tensor = Tensor.of(DType.FLOAT32, new long[] {n / 1000, 1000}, values);
        NpzLimits limits = new NpzLimits(4, 1L << 32, 1L << 32);
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npz.write(out, Map.of("x", tensor));
            long t1 = System.nanoTime();
            Tensor back = Npz.read("bench", new ByteArrayInputStream(out.toByteArray()), limits).get("x");
            long t2 = System.nanoTime();
            ComparisonResult result = Comparison.of("x", tensor, back, Tolerance.DEFAULT);
            long t3 = System.nanoTime();
            double mb = 4.0 * n / 1e6;
            System.out.printf(Locale.ROOT, "round %d: %d float32 (%.0f MB): npz write %.0f MB/s, read %.0f MB/s, "
                    + "compare %.0f M elements/s (%s)%n", round, n, mb, mb / secs(t0, t1), mb / secs(t1, t2),
                    n / 1e6 / secs(t2, t3), result.verdict());
        }
    }

    private static double secs(long from, long to) {
        return (to - from) / 1e9;
    }
}

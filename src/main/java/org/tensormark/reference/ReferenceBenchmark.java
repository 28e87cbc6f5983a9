package org.tensormark.reference;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Prints the reference library's throughput and memory figures for a 2-layer LSTM (batch 32, 50
 * steps, input 32, hidden 64): reference outputs per second over 100 cases after warm-up, then the
 * process RSS every 1,000 computations up to 10,000 and its growth from the 5,000th to the
 * 10,000th (native memory must level off). Usage: {@code ReferenceBenchmark [--cases N]
 * [--computations M] [--torch-threads T]}; T sets PyTorch's intra-op threads (on a loaded
 * machine small models run far faster with 1).
 */
public final class ReferenceBenchmark {

    private static final int WARM_UP = 20;

    private ReferenceBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark and prints its figures; returns the process exit code. */
    public static int run(String[] args) {
        int cases = option(args, "--cases", 100);
        int computations = option(args, "--computations", 10_000);
        int threads = option(args, "--torch-threads", 0);
        ReferenceRuntime.engine();
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        ReferenceModel lstm = new Lstm();
        List<Map<String, Tensor>> inputs = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            inputs.add(lstmCase(lstm, i));
        }
        for (int i = 0; i < WARM_UP; i++) {
            lstm.compute(inputs.get(i % cases));
        }
        long start = System.nanoTime();
        for (Map<String, Tensor> in : inputs) {
            lstm.compute(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("lstm 2 layers, batch 32, 50 steps, input 32, hidden 64, float32; %d processors, "
                + "%d PyTorch intra-op threads%n", Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads());
        System.out.printf("%d cases in %.3f s: %.1f reference outputs/s (%.2f ms each)%n", cases, seconds,
                cases / seconds, seconds * 1000 / cases);
        long rssAtHalf = 0;
        long lap = System.nanoTime();
        for (int done = 1; done <= computations; done++) {
            lstm.compute(inputs.get(done % cases));
            if (done % 1000 == 0) {
                long rss = rssKiB();
                System.out.printf("after %,d computations: RSS %,d KiB (last 1,000 in %.1f s)%n", done, rss,
                        (System.nanoTime() - lap) / 1e9);
                lap = System.nanoTime();
                rssAtHalf = done == computations / 2 ? rss : rssAtHalf;
                if (done == computations && rssAtHalf > 0) {
                    System.out.printf("RSS growth from computation %,d to %,d: %,d KiB%n", computations / 2,
                            computations, rss - rssAtHalf);
                }
            }
        }
        return 0;
    }

    private static Map<String, Tensor> lstmCase(ReferenceModel lstm, long seed) {
        Map<String, Tensor> hyper = Map.of("input_size", Tensor.scalar(DType.INT64, 32),
                "hidden_size", Tensor.scalar(DType.INT64, 64), "num_layers", Tensor.scalar(DType.INT64, 2));
        Map<String, Tensor> in = new HashMap<>(lstm.initialise(seed, hyper));
        in.put("num_layers", hyper.get("num_layers"));
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[50 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        in.put("input", new Tensor(DType.FLOAT32, new long[] {50, 32, 32}, x));
        return in;
    }

    /** VmRSS of this process from /proc/self/status, in KiB (0 where /proc is not there). */
    static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                int value = Integer.parseInt(args[i + 1]);
                if (value < 1) {
                    throw new IllegalArgumentException(name + " must be positive, got " + value);
                }
                return value;
            }
        }
        return fallback;
    }
}

package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints the cost of the sandbox: the same harness run on the same hand-in, bare (python3 run
 * directly as the current user) and sandboxed, as median and minimum wall time of several runs.
 * Usage: {@code SandboxBenchmark [runs=9] [numpy|torch] [harness-dir=graders/python]}.
 */
public final class SandboxBenchmark {

    private static final String NUMPY_HAND_IN = """
            import numpy as np


            def forward(x, w1, w2):
                return np.maximum(np.asarray(x) @ np.asarray(w1), 0.0) @ np.asarray(w2)
            """;
    private static final String TORCH_HAND_IN = """
            import numpy as np
            import torch


            def forward(x, w1, w2):
                t = torch.relu(torch.from_numpy(np.asarray(x)) @ torch.from_numpy(np.asarray(w1)))
                return (t @ torch.from_numpy(np.asarray(w2))).numpy()
            """;
    private static final String PLAN = """
            {"harness_version": 1, "module": "handin.py", "calls": [{"id": "c1", "target": "forward",
             "args": [{"value": [[1.0, 2.0], [3.0, 4.0]]}, {"value": [[0.5, -1.0], [1.0, 0.25]]},
                      {"value": [[1.0], [-1.0]]}], "seed": 1, "output": "c1"}]}
            """;

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        boolean torch = args.length > 1 && args[1].equals("torch");
        Path harness = Path.of(args.length > 2 ? args[2] : "graders/python");
        Path root = Files.createTempDirectory(Path.of("/tmp"), "tensormark-bench-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        try (JobDirectory job = JobDirectory.create(root, harness)) {
            Files.writeString(job.submission().resolve("handin.py"), torch ? TORCH_HAND_IN : NUMPY_HAND_IN);
            Files.writeString(job.in().resolve("plan.json"), PLAN);
            Sandbox sandbox = new Sandbox(SandboxSettings.defaults());
            long[] bare = new long[runs];
            long[] boxed = new long[runs];
            for (int i = 0; i < runs; i++) {
                bare[i] = bare(job);
                boxed[i] = sandboxed(sandbox, job);
            }
            report(torch ? "torch" : "numpy", runs, bare, boxed);
        } finally {
            Files.deleteIfExists(root);
        }
    }

    private static long bare(JobDirectory job) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", job.harness().resolve("tensormark_harness.py").toString(),
                job.root().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bare harness run failed with exit " + p.exitValue());
        }
        long elapsed = System.nanoTime() - start;
        if (!Files.exists(job.out().resolve("c1.npz"))) {
            throw new IllegalStateException("bare harness run wrote no c1.npz");
        }
        try (Stream<Path> files = Files.list(job.out())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        return elapsed;
    }

    private static long sandboxed(Sandbox sandbox, JobDirectory job) {
        long start = System.nanoTime();
        SandboxRun run = sandbox.run(job, SandboxLimits.defaults(), null);
        long elapsed = System.nanoTime() - start;
        if (!(run.verdict() instanceof Verdict.Ok) || !run.outputs().containsKey("c1.npz")) {
            throw new IllegalStateException("sandboxed run ended with " + run.verdict() + ": " + run.stderr());
        }
        return elapsed;
    }

    private static void report(String handIn, int runs, long[] bare, long[] boxed) {
        double bareMedian = median(bare);
        double boxedMedian = median(boxed);
        System.out.printf(Locale.ROOT, "hand-in: %s, runs: %d (wall time per job, ms)%n", handIn, runs);
        System.out.printf(Locale.ROOT, "bare      median %8.1f  min %8.1f%n", bareMedian, min(bare));
        System.out.printf(Locale.ROOT, "sandboxed median %8.1f  min %8.1f%n", boxedMedian, min(boxed));
        System.out.printf(Locale.ROOT, "overhead  median %8.1f ms, ratio %.2fx%n", boxedMedian - bareMedian,
                boxedMedian / bareMedian);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double middle = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return middle / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }
}

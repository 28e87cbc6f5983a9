package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints the cost of the sandbox and of the grading image: the same harness run on the same
 * hand-in, bare (the host's python3 run directly as the current user), sandboxed on the host's
 * system folders, and sandboxed in the grading image (the default, {@code course-cpu}), as
 * median and minimum wall time of several runs (the harness's start-up dominates them).
 * Usage: {@code SandboxBenchmark [runs=10] [numpy|torch] [harness-dir=graders/python] [image=course-cpu]}.
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
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean torch = args.length > 1 && args[1].equals("torch");
        Path harness = Path.of(args.length > 2 ? args[2] : "graders/python");
        String image = args.length > 3 ? args[3] : SystemRoot.DEFAULT_IMAGE;
        Path root = Files.createTempDirectory(Path.of("/tmp"), "tensormark-bench-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        try (JobDirectory job = JobDirectory.create(root, harness)) {
            Files.writeString(job.submission().resolve("handin.py"), torch ? TORCH_HAND_IN : NUMPY_HAND_IN);
            Files.writeString(job.in().resolve("plan.json"), PLAN);
            Sandbox sandbox = new Sandbox(SandboxSettings.defaults().withHostSystem());
            long[] bare = new long[runs];
            long[] host = new long[runs];
            long[] inImage = new long[runs];
            for (int i = 0; i < runs; i++) {
                bare[i] = bare(job);
                host[i] = sandboxed(sandbox, job, SystemRoot.HOST_NAME);
                inImage[i] = sandboxed(sandbox, job, image);
            }
            report(torch ? "torch" : "numpy", runs, image, bare, host, inImage);
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

    private static long sandboxed(Sandbox sandbox, JobDirectory job, String image) {
        long start = System.nanoTime();
        SandboxRun run = sandbox.run(job, image, SandboxLimits.defaults(), null);
        long elapsed = System.nanoTime() - start;
        if (!(run.verdict() instanceof Verdict.Ok) || !run.outputs().containsKey("c1.npz")) {
            throw new IllegalStateException("sandboxed run ended with " + run.verdict() + ": " + run.stderr());
        }
        return elapsed;
    }

    private static void report(String handIn, int runs, String image, long[] bare, long[] host, long[] inImage) {
        double bareMedian = median(bare);
        double hostMedian = median(host);
        double imageMedian = median(inImage);
        System.out.printf(Locale.ROOT, "hand-in: %s, runs: %d (wall time per job, ms)%n", handIn, runs);
        System.out.printf(Locale.ROOT, "bare host python3           median %8.1f  min %8.1f%n", bareMedian, min(bare));
        System.out.printf(Locale.ROOT, "sandboxed, host system      median %8.1f  min %8.1f%n", hostMedian, min(host));
        System.out.printf(Locale.ROOT, "sandboxed, image %-11s median %8.1f  min %8.1f%n", image, imageMedian, min(inImage));
        System.out.printf(Locale.ROOT, "sandbox overhead (host system) median %8.1f ms, ratio %.2fx%n",
                hostMedian - bareMedian, hostMedian / bareMedian);
        System.out.printf(Locale.ROOT, "image vs host interpreter, both sandboxed: median %+8.1f ms, ratio %.2fx%n",
                imageMedian - hostMedian, imageMedian / hostMedian);
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

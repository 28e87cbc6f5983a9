package org.tensormark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tensormark.image.ImageStore;
import org.tensormark.tensor.Comparison;
import org.tensormark.tensor.ComparisonResult;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;
import org.tensormark.tensor.Tolerance;

/**
 * {@code tensormark gpu-check [image]}: proves on a GPU worker's host what its GPU jobs get, by
 * grading a probe the way a job with {@code device: cuda} checks runs: the GPUs and driver
 * libraries this host lends ({@link GpuInventory}), then on each GPU a hand-in run in the image's
 * sandbox that multiplies matrices and convolves (cuDNN) on CUDA. Prints what the harness saw
 * (whether torch had CUDA, the GPU's name), the results against the values computed here, and the
 * GPU's idle check afterwards. Exit 0 when every GPU passed, 1 otherwise (no GPU included).
 */
public final class GpuCheck {

    static final String PROBE = """
            import numpy as np
            import torch


            def matmul(x, w):
                cuda = torch.device("cuda")
                a = torch.from_numpy(np.asarray(x, dtype=np.float32)).to(cuda)
                b = torch.from_numpy(np.asarray(w, dtype=np.float32)).to(cuda)
                return torch.relu(a @ b).cpu().numpy()


            def conv(x, k):
                cuda = torch.device("cuda")
                signal = torch.from_numpy(np.asarray(x, dtype=np.float32)).reshape(1, 1, -1).to(cuda)
                kernel = torch.from_numpy(np.asarray(k, dtype=np.float32)).reshape(1, 1, -1).to(cuda)
                return torch.nn.functional.conv1d(signal, kernel).reshape(-1).cpu().numpy()
            """;
    private static final double[][] X = {{1, 2, 3}, {4, 5, 6}, {-7, 8, -9}, {0.5, -1, 2}};
    private static final double[][] W = {{0.5, -1}, {1, 0.25}, {-0.5, 2}};
    private static final double[] SIGNAL = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final double[] KERNEL = {0.5, 1, -2};
    private static final Tolerance TOLERANCE = Tolerance.of(1e-5, 1e-6);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Room enough that the check fails for the GPU, never for its limits: 8 GiB and 256 pids (CUDA
     * PyTorch 2.11 on an H200 peaked at 467–665 MiB), five minutes for a cold CUDA start.
     */
    static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(300), Duration.ofSeconds(300),
            SandboxLimits.hostCores(), 8L << 30, 256, 1 << 20, 64L << 20, 256L << 20, 16_384, 256, 64L << 20);

    private final GpuInventory gpus;
    private final Sandbox sandbox;
    private final ImageStore images;
    private final Path harness;
    private final PrintStream out;

    GpuCheck(GpuInventory gpus, Sandbox sandbox, ImageStore images, Path harness, PrintStream out) {
        this.gpus = gpus;
        this.sandbox = sandbox;
        this.images = images;
        this.harness = harness;
        this.out = out;
    }

    /**
     * The command: {@code gpu-check [image, default course-cpu]}, run as root in the installation's
     * folder, with the harness the worker binds ({@code tensormark.worker.harness}, read by the caller).
     */
    public static int command(String[] args, Path harness) throws IOException {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            throw new IllegalArgumentException("usage: tensormark gpu-check [image, default " + SystemRoot.DEFAULT_IMAGE + "]");
        }
        String image = args.length == 1 ? args[0] : SystemRoot.DEFAULT_IMAGE;
        SandboxSettings settings = SandboxSettings.defaults();
        return new GpuCheck(GpuInventory.detect(), new Sandbox(settings), settings.images(), harness, System.out).run(image);
    }

    int run(String image) throws IOException {
        if (gpus.isEmpty()) {
            out.println("gpu-check: no NVIDIA GPU on this host (no /dev/nvidiaN with an nvidia-smi in /usr/bin or on the"
                    + " PATH); its jobs run on the CPU");
            return 1;
        }
        Optional<ImageStore.InstalledImage> installed = images.find(image);
        if (installed.isEmpty()) {
            out.println("gpu-check: the grading image '" + image + "' is not installed in " + images.dir()
                    + " (tensormark image import " + image + " <archive>)");
            return 1;
        }
        out.println("image " + installed.get().manifest().summary() + ", interpreter "
                + installed.get().manifest().interpreter());
        int passed = 0;
        for (GpuSlot gpu : gpus.slots()) {
            String libraries = gpu.driver().isEmpty() ? "none found in the linker cache"
                    : String.join(", ", new TreeSet<>(gpu.driver().byName().keySet()));
            out.println("GPU " + gpu.index() + ": " + gpu.describe() + "; driver libraries bound into its jobs: " + libraries);
            passed += probe(gpu, image) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "gpu-check: %d of %d GPU(s) passed%n", passed, gpus.slots().size());
        return passed == gpus.slots().size() ? 0 : 1;
    }

    /** Runs the probe on one GPU and prints what it saw; true when the job had CUDA and both results match. */
    private boolean probe(GpuSlot gpu, String image) throws IOException {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "tensormark-gpu-check-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        try (JobDirectory job = JobDirectory.create(root, harness)) {
            Files.writeString(job.submission().resolve("probe.py"), PROBE);
            Files.writeString(job.in().resolve("plan.json"), plan());
            SandboxRun run = sandbox.run(job, image, LIMITS, gpu);
            String where = "GPU " + gpu.index() + ": ";
            out.printf(Locale.ROOT, "%sthe sandbox %s in %.1f s, CPU %.1f s, peak memory %d MiB%n", where,
                    run.verdict() instanceof Verdict.Ok ? "ran" : "ended with " + run.verdict(),
                    run.wallTime().toMillis() / 1000.0, run.cpuTime().toMillis() / 1000.0, run.peakMemoryBytes() >> 20);
            run.gpuCheck().ifPresent(idle -> out.println(where + "after the job: " + idle.report()));
            byte[] results = run.outputs().get("results.json");
            if (!(run.verdict() instanceof Verdict.Ok) || results == null) {
                out.println(where + "FAILED, the job's stderr: " + tail(run.stderr()));
                return false;
            }
            JsonNode report = JSON.readTree(results);
            JsonNode device = report.path("device");
            out.println(where + "the job saw " + (device.path("cuda").asBoolean() ? "CUDA on " : "no CUDA: ")
                    + device.path("name").asText("(no device report)"));
            boolean matmul = compare(where, "matmul", report, run.outputs(), expectedMatmul());
            boolean conv = compare(where, "conv", report, run.outputs(), expectedConv());
            boolean idle = run.gpuCheck().map(GpuSlot.GpuIdleCheck::idle).orElse(false);
            return device.path("cuda").asBoolean() && matmul && conv && idle;
        } finally {
            Files.deleteIfExists(root);
        }
    }

    private boolean compare(String where, String call, JsonNode report, Map<String, byte[]> outputs, Tensor expected)
            throws IOException {
        JsonNode result = report.path("calls").path(call);
        byte[] npz = outputs.get(call + ".npz");
        if (!"ok".equals(result.path("status").asText()) || npz == null) {
            out.println(where + call + " failed: " + result.path("message").asText("no result"));
            return false;
        }
        Tensor actual = Npz.read(call + ".npz", new ByteArrayInputStream(npz), NpzLimits.DEFAULT).get("result");
        ComparisonResult compared = Comparison.of(call, expected, actual, TOLERANCE);
        out.printf(Locale.ROOT, "%s%s on the GPU in %.3f s: %s%n", where, call, result.path("seconds").asDouble(),
                compared.passed() ? "matches the values computed here" : compared.toString());
        return compared.passed();
    }

    static String plan() throws IOException {
        return JSON.writeValueAsString(Map.of("harness_version", 1, "module", "probe.py", "calls", List.of(
                Map.of("id", "matmul", "target", "matmul", "seed", 1, "output", "matmul",
                        "args", List.of(Map.of("value", X), Map.of("value", W))),
                Map.of("id", "conv", "target", "conv", "seed", 1, "output", "conv",
                        "args", List.of(Map.of("value", SIGNAL), Map.of("value", KERNEL))))));
    }

    /** relu(X·W), computed here. */
    static Tensor expectedMatmul() {
        double[] values = new double[X.length * W[0].length];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < W[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < W.length; k++) {
                    sum += X[i][k] * W[k][j];
                }
                values[i * W[0].length + j] = Math.max(0, sum);
            }
        }
        return Tensor.of(DType.FLOAT32, new long[] {X.length, W[0].length}, values);
    }

    /** The valid cross-correlation of the signal with the kernel (what conv1d computes), computed here. */
    static Tensor expectedConv() {
        double[] values = new double[SIGNAL.length - KERNEL.length + 1];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < KERNEL.length; k++) {
                values[i] += SIGNAL[i + k] * KERNEL[k];
            }
        }
        return Tensor.of(DType.FLOAT32, new long[] {values.length}, values);
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.isEmpty() ? "(empty)" : t.substring(Math.max(0, t.length() - 2000));
    }
}

package org.tensormark.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds job directories for hand-ins under src/test/resources/sandbox and runs them. */
final class JobBench implements AutoCloseable {

    static final Path HARNESS = Path.of("graders/python").toAbsolutePath();
    static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(10), Duration.ofSeconds(4), 2.0,
            256L << 20, 32, 64 << 10, 8 << 20, 16 << 20, 1024, 64, 8 << 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final List<JobDirectory> jobs = new ArrayList<>();
    final Sandbox sandbox = new Sandbox(SandboxSettings.defaults());

    JobBench() throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "tensormark-jobs-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    }

    Path root() {
        return root;
    }

    /**
     * A folder of the bench holding the NVIDIA device nodes of {@code gpus} GPUs (nvidia0, nvidia1, ...)
     * and the shared ones, character devices with world read-write access as the driver creates them;
     * made once per count.
     */
    Path fakeNvidiaDevices(int gpus) throws IOException, InterruptedException {
        Path dev = root.resolve("fake-dev-" + gpus);
        if (!Files.isDirectory(dev)) {
            Files.createDirectories(dev);
            for (int i = 0; i < gpus; i++) {
                mknod(dev.resolve("nvidia" + i), 195, i);
            }
            mknod(dev.resolve("nvidiactl"), 195, 255);
            mknod(dev.resolve("nvidia-modeset"), 195, 254);
            mknod(dev.resolve("nvidia-uvm"), 509, 0);
            mknod(dev.resolve("nvidia-uvm-tools"), 509, 1);
        }
        return dev;
    }

    private static void mknod(Path node, int major, int minor) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", String.valueOf(major),
                String.valueOf(minor)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("mknod " + node + ": " + out);
        }
    }

    /** A job running {@code function()} of the hand-in resource {@code name}.py with value arguments. */
    JobDirectory job(String name, String function, Object... values) throws IOException {
        JobDirectory job = JobDirectory.create(root, HARNESS);
        jobs.add(job);
        Files.writeString(job.submission().resolve("handin.py"), resource(name + ".py"));
        List<Map<String, Object>> args = new ArrayList<>();
        for (Object v : values) {
            args.add(Map.of("value", v));
        }
        Map<String, Object> call = Map.of("id", "c1", "target", function, "args", args, "seed", 7, "output", "c1");
        plan(job, "handin.py", List.of(call));
        return job;
    }

    static void plan(JobDirectory job, String module, List<Map<String, Object>> calls) throws IOException {
        Map<String, Object> plan = Map.of("harness_version", 1, "module", module, "calls", calls);
        JSON.writeValue(job.in().resolve("plan.json").toFile(), plan);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = JobBench.class.getResourceAsStream("/sandbox/" + name)) {
            if (in == null) {
                throw new IOException("no test resource /sandbox/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    SandboxRun run(JobDirectory job) {
        return sandbox.run(job, LIMITS, null);
    }

    SandboxRun run(JobDirectory job, SandboxLimits limits) {
        return sandbox.run(job, limits, null);
    }

    static String results(SandboxRun run) {
        byte[] bytes = run.outputs().get("results.json");
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Pids of the host whose command line mentions {@code marker}. */
    static List<Long> processesMentioning(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** The list the hand-in printed after "RESULT " on stdout. */
    static String printed(SandboxRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7))
                .findFirst().orElse("(no RESULT line) " + run.stdout() + run.stderr());
    }

    /** Fails when a process or a cgroup of a job outlived the job (see {@link HostLeftovers}). */
    static void assertHostClean() throws IOException {
        HostLeftovers.assertNone(SandboxSettings.defaults());
    }

    @Override
    public void close() throws IOException {
        for (JobDirectory job : jobs) {
            job.close();
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One GPU lent to one job: its device nodes bound into the sandbox (the GPU appears as device 0),
 * the host's driver libraries ({@link DriverLibraries}), CUDA caches under the job's tmpfs, and an
 * idle check after the job.
 */
public final class GpuSlot {

    private final int index;
    private final Path devRoot;
    private final Function<List<String>, String> nvidiaSmi;
    private final DriverLibraries driver;

    /** A GPU whose jobs get no driver libraries from the host. */
    GpuSlot(int index, Path devRoot, Function<List<String>, String> nvidiaSmi) {
        this(index, devRoot, nvidiaSmi, DriverLibraries.none());
    }

    /**
     * @param index the host index N of /dev/nvidiaN
     * @param devRoot the host's /dev
     * @param nvidiaSmi runs nvidia-smi with the given arguments and returns its standard output
     * @param driver the host's driver libraries its jobs get
     */
    GpuSlot(int index, Path devRoot, Function<List<String>, String> nvidiaSmi, DriverLibraries driver) {
        this.index = index;
        this.devRoot = devRoot;
        this.nvidiaSmi = nvidiaSmi;
        this.driver = driver;
    }

    public int index() {
        return index;
    }

    /** The host's driver libraries a job on this GPU gets. */
    DriverLibraries driver() {
        return driver;
    }

    /** Host device nodes of this GPU: the control, UVM and modeset nodes shared by all, and its own. */
    public List<Path> deviceNodes() {
        return List.of(devRoot.resolve("nvidiactl"), devRoot.resolve("nvidia-uvm"),
                devRoot.resolve("nvidia-uvm-tools"), devRoot.resolve("nvidia-modeset"), devRoot.resolve("nvidia" + index));
    }

    /** bwrap arguments binding the device nodes at the same /dev path (missing ones skipped). */
    List<String> bwrapArguments() {
        List<String> args = new ArrayList<>();
        for (Path node : deviceNodes()) {
            args.addAll(List.of("--dev-bind-try", node.toString(), "/dev/" + node.getFileName()));
        }
        return args;
    }

    /** Environment inside the sandbox: the bound GPU is device 0, caches live in /tmp. */
    Map<String, String> environment() {
        return Map.of("CUDA_VISIBLE_DEVICES", "0",
                "CUDA_CACHE_PATH", "/tmp/.nv/ComputeCache",
                "XDG_CACHE_HOME", "/tmp/.cache",
                "TORCH_EXTENSIONS_DIR", "/tmp/.cache/torch_extensions");
    }

    /** Its name, driver version and memory, as nvidia-smi reports them. */
    public String describe() {
        return nvidiaSmi.apply(List.of("-i", String.valueOf(index), "--query-gpu=name,driver_version,memory.total",
                "--format=csv,noheader")).strip();
    }

    /** Memory in use on this GPU in MiB, as nvidia-smi reports it. */
    public long memoryUsedMiB() {
        String out = nvidiaSmi.apply(List.of("-i", String.valueOf(index), "--query-gpu=memory.used",
                "--format=csv,noheader,nounits"));
        return Long.parseLong(out.trim().lines().findFirst().orElse("0").trim());
    }

    /**
     * Checks after a job that no process holds this GPU and its memory is back to the baseline
     * (plus {@code toleranceMiB}). Processes still holding it are killed (drained) and reported.
     */
    public GpuIdleCheck checkIdle(long baselineMiB, long toleranceMiB) {
        List<Long> holders = computeProcesses();
        holders.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        long used = memoryUsedMiB();
        boolean idle = holders.isEmpty() && used <= baselineMiB + toleranceMiB;
        String report = idle ? "GPU " + index + " idle"
                : "GPU " + index + " not idle after job: processes " + holders + " drained, memory "
                        + used + " MiB against baseline " + baselineMiB + " MiB";
        return new GpuIdleCheck(idle, holders, used, report);
    }

    private List<Long> computeProcesses() {
        String out = nvidiaSmi.apply(List.of("-i", String.valueOf(index), "--query-compute-apps=pid",
                "--format=csv,noheader,nounits"));
        return out.lines().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /**
     * The result of an after-job idle check.
     *
     * @param idle whether the GPU can take the next job
     * @param drainedPids processes that still held the GPU and were killed
     * @param memoryUsedMiB memory in use after draining
     * @param report a line for the operator
     */
    public record GpuIdleCheck(boolean idle, List<Long> drainedPids, long memoryUsedMiB, String report) {
    }

    static String runNvidiaSmi(Path binary, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("nvidia-smi " + args + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running nvidia-smi", e);
        }
    }
}

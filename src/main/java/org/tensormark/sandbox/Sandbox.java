package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the Python harness on one job directory under bubblewrap, with a grading image as its root
 * filesystem ({@link SystemRoot}), as an unprivileged uid, in its
 * own cgroup, with seccomp, rlimits and size-capped tmpfs, and collects out/ once every process
 * of the job is gone; with a GPU, checks afterwards that the GPU is idle again. The job-directory
 * and plan contract is documented in graders/python/README.md.
 */
public final class Sandbox implements SandboxRunner {

    /** GPU memory a driver may keep after a job (contexts, caches) without the GPU counting as busy. */
    private static final long GPU_MEMORY_TOLERANCE_MIB = 64;

    private final SandboxSettings settings;

    public Sandbox(SandboxSettings settings) {
        this.settings = settings;
    }

    /**
     * For a command that runs sandbox jobs on its own threads and has no orderly stop of its own
     * ({@code check-assignment}, a benchmark): should the process be stopped mid-job (Ctrl-C,
     * {@code kill}), its jobs are killed and their cgroups, tmpfs mounts and folders removed on its
     * way out ({@link LiveJobs}). A worker does not call it: told to stop, it lets its jobs end
     * within its grace and hands the rest back.
     */
    public static void undoJobsAtExit() {
        LiveJobs.undoAtExit();
    }

    @Override
    public SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu) {
        return run(job, image, limits, gpu, Map.of(), null);
    }

    @Override
    public SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu, Consumer<String> progress) {
        return run(job, image, limits, gpu, Map.of(), progress);
    }

    /** As {@link #run(JobDirectory, String, SandboxLimits, GpuSlot)}, adding variables to the launcher's environment. */
    SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu, Map<String, String> launcherEnvironment) {
        return run(job, image, limits, gpu, launcherEnvironment, null);
    }

    private SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu,
            Map<String, String> launcherEnvironment, Consumer<String> progress) {
        try {
            return runIsolated(job, settings.root(image), limits, gpu, launcherEnvironment, progress);
        } catch (SandboxSettings.MissingImage e) {
            return SandboxRun.platformFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return SandboxRun.platformFailure("sandbox: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SandboxRun.platformFailure("sandbox interrupted");
        }
    }

    private SandboxRun runIsolated(JobDirectory job, SystemRoot system, SandboxLimits limits, GpuSlot gpu,
            Map<String, String> env, Consumer<String> progress)
            throws IOException, InterruptedException {
        boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        if (!root && settings.isolationRequired()) {
            return SandboxRun.platformFailure("the sandbox must be started as root to create cgroups and drop to uid "
                    + settings.uid() + "; isolationRequired=false is the development setting without them");
        }
        String name = job.name();
        Optional<JobCgroup> cgroup = root ? JobCgroup.create(settings.cgroupFs(), name, limits) : Optional.empty();
        if (cgroup.isEmpty() && settings.isolationRequired()) {
            return SandboxRun.platformFailure("no cgroup v2 or v1 hierarchy with memory, pids and cpu under "
                    + settings.cgroupFs());
        }
        ScratchMounts mounts = new ScratchMounts();
        LiveJobs.Running live = LiveJobs.running(job, cgroup.orElse(null), mounts);
        try {
            Path scratch = root ? mounts.mount(job.out(), job.scratch(), limits) : null;
            return launch(job, system, limits, gpu, env, progress, cgroup.orElse(null), scratch);
        } finally {
            live.release();
        }
    }

    private SandboxRun launch(JobDirectory job, SystemRoot system, SandboxLimits limits, GpuSlot gpu,
            Map<String, String> env, Consumer<String> progress, JobCgroup cgroup, Path scratch)
            throws IOException, InterruptedException {
        job.openForSandbox();
        Path seccomp = Files.write(job.privateDir().resolve("seccomp.bpf"), SeccompPolicy.x86_64());
        Path started = job.privateDir().resolve("harness-started");
        List<String> bwrap = BwrapArguments.of(settings, system, job, limits, scratch, gpu);
        List<Path> procs = cgroup == null ? List.of() : cgroup.procsFiles();
        List<String> command = LaunchScript.command(settings, limits, procs, scratch != null, seccomp, started, bwrap);
        long gpuBaselineMiB = gpu == null ? 0 : gpu.memoryUsedMiB();
        JobWatch.Outcome outcome = new JobWatch(limits, cgroup).run(command, env, progress);
        Optional<GpuSlot.GpuIdleCheck> gpuCheck = Optional.ofNullable(gpu)
                .map(g -> g.checkIdle(gpuBaselineMiB, GPU_MEMORY_TOLERANCE_MIB));
        boolean harnessStarted = Files.readString(started).startsWith("harness-started");
        return observe(job, limits, cgroup, scratch, outcome, harnessStarted, gpuCheck);
    }

    /**
     * Collects out/ and the cgroup's figures and measures the job's tmpfs mounts (null
     * {@code scratch}: none were mounted); every process of the job is gone by now.
     */
    private static SandboxRun observe(JobDirectory job, SandboxLimits limits, JobCgroup cgroup, Path scratch,
            JobWatch.Outcome outcome, boolean harnessStarted, Optional<GpuSlot.GpuIdleCheck> gpuCheck)
            throws IOException, InterruptedException {
        OutputCollector.Collected collected = OutputCollector.collect(job.out(), limits.outBytes());
        boolean full = scratch != null ? ScratchMounts.full(job.out()) : collected.bytesSeen() >= limits.outBytes();
        Optional<Verdict.DiskFull> diskFull = scratch == null ? Optional.empty()
                : ScratchMounts.exhausted(job.out(), scratch);
        Duration cpu = cgroup == null ? Duration.ZERO : cgroup.cpuTime();
        VerdictRules.Facts facts = new VerdictRules.Facts(harnessStarted, outcome,
                cgroup != null && cgroup.oomKilled(), cpu.compareTo(limits.cpu()) >= 0, full, diskFull);
        return new SandboxRun(VerdictRules.verdict(facts), outcome.exitCode(), outcome.signal(), outcome.stdout(),
                outcome.stderr(), outcome.wall(), cpu, cgroup == null ? 0 : cgroup.peakMemoryBytes(),
                collected.files(), collected.rejected(), gpuCheck);
    }
}

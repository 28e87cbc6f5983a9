package org.tensormark.sandbox;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one prepared job directory in a sandbox: in this process ({@link Sandbox}, which needs
 * root) or through the privileged {@link SandboxLauncher} ({@link LauncherClient}), so that the
 * process that prepares jobs and scores them never needs root.
 */
public interface SandboxRunner {

    /**
     * Runs the job in the default image ({@link SystemRoot#DEFAULT_IMAGE}). Never throws for a job's behaviour; a problem of the host, the launcher
     * included, becomes {@link Verdict.PlatformFailure}.
     *
     * @param gpu the GPU lent to this job, or null to run on the CPU
     */
    default SandboxRun run(JobDirectory job, SandboxLimits limits, GpuSlot gpu) {
        return run(job, SystemRoot.DEFAULT_IMAGE, limits, gpu);
    }

    /**
     * Runs the job with the grading image named {@code image} as its root filesystem; an image
     * this host does not hold is a {@link Verdict.PlatformFailure}.
     */
    SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu);

    /**
     * As {@link #run(JobDirectory, String, SandboxLimits, GpuSlot)}, handing each progress line the
     * harness writes while the job runs (the JSON after {@code tensormark-progress }) to
     * {@code progress}, on a thread of the runner's. The job can write such lines too: they are
     * for display only. A runner that cannot watch the job live (the launcher's client) runs it
     * without reporting.
     */
    default SandboxRun run(JobDirectory job, String image, SandboxLimits limits, GpuSlot gpu, Consumer<String> progress) {
        return run(job, image, limits, gpu);
    }

    /**
     * The runner of this host: the launcher listening on {@code launcherSocket} when there is
     * one, else the sandbox in this process with the default settings.
     */
    static SandboxRunner forHost(Optional<Path> launcherSocket) {
        return launcherSocket.<SandboxRunner>map(LauncherClient::new)
                .orElseGet(() -> new Sandbox(SandboxSettings.defaults()));
    }
}

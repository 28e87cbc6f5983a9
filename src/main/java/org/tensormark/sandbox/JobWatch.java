package org.tensormark.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts the launcher and watches the job: wall clock, CPU time of the whole cgroup and the
 * volume of stdout/stderr. On a limit, or when the main process has exited, every process of the
 * job is killed (a daemon that left the session included) before the outcome is returned. When the
 * watching thread is interrupted (its worker stops), every process of the job is killed the same
 * way before the interrupt is passed on.
 */
final class JobWatch {

    private static final long POLL_MILLIS = 20;

    /** Why the host ended the job, if it did. */
    enum Kill { NONE, WALL, CPU, OUTPUT }

    /** What the host saw of the launcher process. */
    record Outcome(int exitCode, int signal, Kill kill, Duration wall, String stdout, String stderr) {
    }

    private final SandboxLimits limits;
    private final JobCgroup cgroup;

    JobWatch(SandboxLimits limits, JobCgroup cgroup) {
        this.limits = limits;
        this.cgroup = cgroup;
    }

    Outcome run(List<String> command, Map<String, String> launcherEnvironment) throws IOException, InterruptedException {
        return run(command, launcherEnvironment, null);
    }

    /** As {@link #run(List, Map)}, handing the progress lines of the job's stderr to {@code progress} (may be null). */
    Outcome run(List<String> command, Map<String, String> launcherEnvironment, Consumer<String> progress)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(launcherEnvironment);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CappedStream out = CappedStream.start(process.getInputStream(), limits.streamBytes(), "sandbox-stdout");
        CappedStream err = CappedStream.start(process.getErrorStream(), limits.streamBytes(), "sandbox-stderr",
                progress == null ? null : new ProgressLines(progress));
        Kill kill;
        try {
            kill = watch(process, start, out, err);
        } catch (InterruptedException e) {
            killAll(process); // the worker is stopping: the job must not outlive it, with or without a cgroup
            throw e;
        }
        killAll(process);
        int status = process.waitFor();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!out.await(5_000) || !err.await(5_000)) {
            throw new IOException("job output still open after every job process was killed");
        }
        int signal = status > 128 ? status - 128 : 0;
        return new Outcome(signal > 0 ? -1 : status, signal, kill, wall, out.text(), err.text());
    }

    /** Waits until the launcher exits (NONE) or the job passes a limit (the limit). */
    private Kill watch(Process process, long start, CappedStream out, CappedStream err)
            throws IOException, InterruptedException {
        while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            Kill kill = check(start, out.total() + err.total());
            if (kill != Kill.NONE) {
                return kill;
            }
        }
        return Kill.NONE;
    }

    private Kill check(long start, long streamed) throws IOException {
        if (System.nanoTime() - start > limits.wall().toNanos()) {
            return Kill.WALL;
        }
        if (streamed > 2 * limits.streamBytes() + limits.floodBytes()) {
            return Kill.OUTPUT;
        }
        if (cgroup != null && cgroup.cpuTime().compareTo(limits.cpu()) > 0) {
            return Kill.CPU;
        }
        return Kill.NONE;
    }

    private void killAll(Process process) throws IOException, InterruptedException {
        if (cgroup != null) {
            cgroup.killAll();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}

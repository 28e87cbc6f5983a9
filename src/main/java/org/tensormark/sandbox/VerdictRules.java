package org.tensormark.sandbox;

import java.util.Optional;

/**
 * Turns what the host observed into a verdict. Order matters: a failed sandbox set-up is the
 * platform's; a limit the host enforced wins over the exit status it caused; the kernel's OOM
 * kill, the CPU/file-size signals and a full out/ come next, then a scratch file system the host
 * found full (whatever the job did about the "No space left on device" it got); the exit status
 * decides the rest.
 */
final class VerdictRules {

    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;

    /**
     * Facts gathered after the job.
     *
     * @param sandboxStarted whether the harness reported on its start fd that it runs
     * @param outFull whether out/ reached its size cap
     * @param diskFull the scratch file system the host found out of files or space, if any
     */
    record Facts(boolean sandboxStarted, JobWatch.Outcome outcome, boolean oomKilled, boolean cpuExhausted,
            boolean outFull, Optional<Verdict.DiskFull> diskFull) {
    }

    private VerdictRules() {
    }

    static Verdict verdict(Facts f) {
        JobWatch.Outcome o = f.outcome();
        if (!f.sandboxStarted() && o.kill() == JobWatch.Kill.NONE) {
            return new Verdict.PlatformFailure("sandbox set-up failed (exit " + o.exitCode() + ", signal "
                    + o.signal() + "): " + o.stderr().strip());
        }
        switch (o.kill()) {
            case WALL -> {
                return new Verdict.WallTimeLimit();
            }
            case CPU -> {
                return new Verdict.CpuTimeLimit();
            }
            case OUTPUT -> {
                return new Verdict.OutputLimit();
            }
            case NONE -> {
            }
        }
        if (f.oomKilled()) {
            return new Verdict.MemoryLimit();
        }
        if (o.signal() == SIGXCPU || (o.signal() == SIGKILL && f.cpuExhausted())) {
            return new Verdict.CpuTimeLimit();
        }
        if (o.signal() == SIGXFSZ || f.outFull()) {
            return new Verdict.OutputLimit();
        }
        if (f.diskFull().isPresent()) {
            return f.diskFull().get();
        }
        return o.exitCode() == 0 ? new Verdict.Ok() : new Verdict.RuntimeError(o.exitCode(), o.signal());
    }
}

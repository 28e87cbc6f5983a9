package org.tensormark.sandbox;

/**
 * Turns what the host observed into a verdict. Order matters: a failed sandbox set-up is the
 * platform's; a limit the host enforced wins over the exit status it caused; the kernel's OOM
 * kill and the CPU/file-size signals come next; the exit status decides the rest.
 */
final class VerdictRules {

    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;

    /**
     * Facts gathered after the job.
     *
     * @param sandboxStarted whether the harness reported on its start fd that it runs
     * @param outFull whether out/ reached its cap
     */
    record Facts(boolean sandboxStarted, JobWatch.Outcome outcome, boolean oomKilled, boolean cpuExhausted,
            boolean outFull) {
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
        return o.exitCode() == 0 ? new Verdict.Ok() : new Verdict.RuntimeError(o.exitCode(), o.signal());
    }
}

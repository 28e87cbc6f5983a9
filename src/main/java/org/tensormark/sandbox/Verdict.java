package org.tensormark.sandbox;

/**
 * How a sandboxed job ended. Every verdict but {@link PlatformFailure} is the student's outcome;
 * a platform failure is never charged to the student and the job is retried.
 */
public sealed interface Verdict {

    /** The job's process exited with status 0. */
    record Ok() implements Verdict {
    }

    /**
     * The job exited with a non-zero status or was killed by a signal it caused.
     *
     * @param exitCode the exit status, or -1 when a signal ended it
     * @param signal the signal number, or 0
     */
    record RuntimeError(int exitCode, int signal) implements Verdict {
    }

    /** The job used more CPU time than allowed. */
    record CpuTimeLimit() implements Verdict {
    }

    /** The job ran longer than the wall-clock limit and was killed. */
    record WallTimeLimit() implements Verdict {
    }

    /** The kernel killed a process of the job for exceeding the memory limit. */
    record MemoryLimit() implements Verdict {
    }

    /** The job wrote more than allowed to stdout/stderr, out/ or a single file. */
    record OutputLimit() implements Verdict {
    }

    /**
     * The platform could not run the job (sandbox set-up, cgroups, launcher). Not the student's
     * fault: the caller retries.
     *
     * @param reason what went wrong, for the operator
     */
    record PlatformFailure(String reason) implements Verdict {
    }

    /** Whether the student's code is to blame for this outcome (everything but platform failure). */
    default boolean chargeable() {
        return !(this instanceof PlatformFailure);
    }
}

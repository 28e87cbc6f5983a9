package org.tensormark.sandbox;

import java.util.Locale;

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
     * The job filled a size- and file-capped scratch file system ({@code /tmp} or {@code out/}):
     * measured by the host on the tmpfs after the run, not taken from the job's own messages.
     *
     * @param where {@code /tmp} or {@code out/}, as the job sees it
     * @param files files and directories in use (inodes)
     * @param maxFiles the file cap
     * @param bytes bytes in use
     * @param maxBytes the size cap
     */
    record DiskFull(String where, long files, long maxFiles, long bytes, long maxBytes) implements Verdict {

        /** Whether the file cap, rather than the size, was reached. */
        public boolean outOfFiles() {
            return files >= maxFiles;
        }

        /** What happened, for the student. */
        public String sentence() {
            return outOfFiles()
                    ? String.format(Locale.ROOT, "your program ran out of files in %s: %,d files of at most %,d; delete temporary"
                            + " files once you are done with them, or write fewer, larger files", where, files, maxFiles)
                    : String.format(Locale.ROOT, "your program ran out of disk space in %s: %.1f MB of at most %.1f MB; delete"
                            + " temporary files once you are done with them, or write less", where, bytes / 1e6,
                            maxBytes / 1e6);
        }
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

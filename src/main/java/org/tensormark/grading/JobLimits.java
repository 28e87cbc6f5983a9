package org.tensormark.grading;

import java.time.Duration;
import org.tensormark.course.AssignmentLimits;
import org.tensormark.sandbox.SandboxLimits;

/**
 * The sandbox limits of one grading job: what the assignment version declares in its
 * {@code limits:} section, the worker's defaults for the rest. By default a job gets every core but
 * one, so the server, the database and the host watching the job keep a core; no job gets more
 * cores than the host has. The CPU-time budget is what the job's CPU quota allows within the wall
 * limit, plus a second: with a cgroup the wall limit always comes first (a job is told "time limit",
 * not about a CPU budget it was never given); without one (development) it is the only CPU cap.
 */
final class JobLimits {

    private JobLimits() {
    }

    /**
     * @param declared the assignment version's limits
     * @param defaultWall the wall limit when the assignment declares none
     * @param processors the processors of this host
     */
    static SandboxLimits of(AssignmentLimits declared, Duration defaultWall, int processors) {
        SandboxLimits base = SandboxLimits.defaults();
        double cores = Math.min(declared.cpuCores().orElse(Math.max(1, processors - 1)), processors);
        Duration wall = declared.wall().orElse(defaultWall);
        long outBytes = declared.output().orElse(base.outBytes());
        Duration cpu = Duration.ofMillis((long) Math.ceil(wall.toMillis() * cores)).plusSeconds(1);
        return new SandboxLimits(wall, cpu, cores,
                declared.memory().orElse(base.memoryBytes()), declared.processes().orElse(base.pids()),
                base.streamBytes(), outBytes, base.tmpfsBytes(), base.tmpfsInodes(), base.openFiles(),
                Math.max(base.fileBytes(), outBytes));
    }

    /** {@link #of(AssignmentLimits, Duration, int)} for this host's processors. */
    static SandboxLimits onThisHost(AssignmentLimits declared, Duration defaultWall) {
        return of(declared, defaultWall, Runtime.getRuntime().availableProcessors());
    }
}

package org.tensormark.course;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The sandbox limits an assignment's {@code limits:} section asks for. A null component was not
 * declared: the worker running the job uses its own default for it (a worker knows its cores,
 * an assignment does not). Stored with each assignment version, so a job is run with the limits
 * of the version it is graded against.
 *
 * @param wallSeconds wall-clock seconds a job may run
 * @param cpus CPU cores (cgroup bandwidth; fractions allowed)
 * @param memoryBytes memory with swap off
 * @param pids processes and threads alive at once
 * @param outputBytes size of the job's {@code out/} directory
 */
public record AssignmentLimits(Long wallSeconds, Double cpus, Long memoryBytes, Integer pids, Long outputBytes) {

    /** Nothing declared: every limit is the worker's default. */
    public static final AssignmentLimits NONE = new AssignmentLimits(null, null, null, null, null);

    public Optional<Duration> wall() {
        return Optional.ofNullable(wallSeconds).map(Duration::ofSeconds);
    }

    public OptionalDouble cpuCores() {
        return cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus);
    }

    public OptionalLong memory() {
        return memoryBytes == null ? OptionalLong.empty() : OptionalLong.of(memoryBytes);
    }

    public OptionalInt processes() {
        return pids == null ? OptionalInt.empty() : OptionalInt.of(pids);
    }

    public OptionalLong output() {
        return outputBytes == null ? OptionalLong.empty() : OptionalLong.of(outputBytes);
    }
}

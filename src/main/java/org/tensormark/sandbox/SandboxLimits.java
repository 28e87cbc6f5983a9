package org.tensormark.sandbox;

import java.time.Duration;

/**
 * Resource limits of one sandboxed job. Every field is enforced by the kernel (cgroup, rlimit or
 * a size-capped tmpfs) or by the host that watches the job; none relies on the job's cooperation.
 *
 * @param wall wall-clock time before the whole job is killed
 * @param cpu CPU time summed over every process of the job
 * @param cpuCores CPU bandwidth (cgroup quota) in cores
 * @param memoryBytes memory limit with swap off
 * @param pids most processes and threads alive at once
 * @param streamBytes bytes kept of stdout and of stderr each; more is read and discarded
 * @param outBytes size of the job's writable {@code out/} directory
 * @param tmpfsBytes size of {@code /tmp} and {@code /dev/shm} together
 * @param tmpfsInodes most files in {@code /tmp} and {@code /dev/shm} together
 * @param openFiles most open file descriptors per process
 * @param fileBytes largest file a process may write
 */
public record SandboxLimits(
        Duration wall,
        Duration cpu,
        double cpuCores,
        long memoryBytes,
        int pids,
        long streamBytes,
        long outBytes,
        long tmpfsBytes,
        long tmpfsInodes,
        int openFiles,
        long fileBytes) {

    private static final long MIB = 1024L * 1024L;

    public SandboxLimits {
        positive("wall", wall.toMillis());
        positive("cpu", cpu.toMillis());
        positive("cpuCores", (long) Math.ceil(cpuCores));
        positive("memoryBytes", memoryBytes);
        positive("pids", pids);
        positive("streamBytes", streamBytes);
        positive("outBytes", outBytes);
        positive("tmpfsBytes", tmpfsBytes);
        positive("tmpfsInodes", tmpfsInodes);
        positive("openFiles", openFiles);
        positive("fileBytes", fileBytes);
    }

    /**
     * 60 s wall, 60 s CPU, every core of the host but one ({@link #hostCores()}), 2 GiB, 64 pids,
     * 1 MiB per stream, 64 MiB out/, 256 MiB tmpfs with at most 16,384 files.
     */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), hostCores(), 2048 * MIB, 64,
                MIB, 64 * MIB, 256 * MIB, 16_384, 256, 64 * MIB);
    }

    /**
     * The default CPU share of a job: the processors this JVM may use, less one for the server, the
     * database and the host watching the job; at least one.
     */
    public static double hostCores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public SandboxLimits withWall(Duration value) {
        return new SandboxLimits(value, cpu, cpuCores, memoryBytes, pids, streamBytes, outBytes,
                tmpfsBytes, tmpfsInodes, openFiles, fileBytes);
    }

    public SandboxLimits withCpu(Duration value) {
        return new SandboxLimits(wall, value, cpuCores, memoryBytes, pids, streamBytes, outBytes,
                tmpfsBytes, tmpfsInodes, openFiles, fileBytes);
    }

    public SandboxLimits withMemoryBytes(long value) {
        return new SandboxLimits(wall, cpu, cpuCores, value, pids, streamBytes, outBytes,
                tmpfsBytes, tmpfsInodes, openFiles, fileBytes);
    }

    public SandboxLimits withOutBytes(long value) {
        return new SandboxLimits(wall, cpu, cpuCores, memoryBytes, pids, streamBytes, value,
                tmpfsBytes, tmpfsInodes, openFiles, fileBytes);
    }

    /** Bytes of output past {@link #streamBytes} after which the job counts as flooding. */
    long floodBytes() {
        return Math.max(16 * streamBytes, 64 * MIB);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("sandbox limit " + name + " must be positive, was " + value);
        }
    }
}

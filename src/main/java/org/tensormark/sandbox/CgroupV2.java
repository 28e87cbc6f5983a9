package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A job cgroup on the unified (v2) hierarchy, under {@code <root>/tensormark/<job>}. */
final class CgroupV2 implements JobCgroup {

    private static final long CPU_PERIOD_US = 100_000;

    private final Path group;

    private CgroupV2(Path group) {
        this.group = group;
    }

    static CgroupV2 create(Path fsRoot, String name, SandboxLimits limits) throws IOException {
        Path parent = Files.createDirectories(fsRoot.resolve("tensormark"));
        JobCgroup.write(fsRoot.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
        JobCgroup.write(parent.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
        Path group = Files.createDirectories(parent.resolve(name));
        JobCgroup.write(group.resolve("memory.max"), limits.memoryBytes());
        JobCgroup.write(group.resolve("memory.swap.max"), 0);
        JobCgroup.write(group.resolve("pids.max"), limits.pids());
        JobCgroup.write(group.resolve("cpu.max"), Math.round(limits.cpuCores() * CPU_PERIOD_US) + " " + CPU_PERIOD_US);
        return new CgroupV2(group);
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(group.resolve("cgroup.procs"));
    }

    @Override
    public Duration cpuTime() throws IOException {
        return Duration.ofNanos(1000 * keyed(group.resolve("cpu.stat"), "usage_usec"));
    }

    @Override
    public long peakMemoryBytes() throws IOException {
        Path peak = group.resolve("memory.peak");
        return Files.exists(peak) ? Long.parseLong(JobCgroup.read(peak)) : 0;
    }

    @Override
    public boolean oomKilled() throws IOException {
        return keyed(group.resolve("memory.events"), "oom_kill") > 0;
    }

    @Override
    public List<Long> members() throws IOException {
        return JobCgroup.pids(group.resolve("cgroup.procs"));
    }

    @Override
    public void killAll() throws IOException, InterruptedException {
        for (int round = 0; !members().isEmpty(); round++) {
            if (round > 500) {
                throw new IOException("processes survive in cgroup " + group + ": " + members());
            }
            JobCgroup.write(group.resolve("cgroup.kill"), 1);
            Thread.sleep(10);
        }
    }

    @Override
    public void remove() throws IOException, InterruptedException {
        JobCgroup.removeDirectory(group);
    }

    private static long keyed(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }
}

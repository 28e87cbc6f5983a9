package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A job cgroup on the v1 hierarchies memory, pids, cpu, cpuacct and (when present) freezer. */
final class CgroupV1 implements JobCgroup {

    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct");
    private static final long CFS_PERIOD_US = 100_000;

    private final List<Path> groups;
    private final Path memory;
    private final Path pids;
    private final Path cpuacct;
    private final Path freezer;

    private CgroupV1(List<Path> groups, Path memory, Path pids, Path cpuacct, Path freezer) {
        this.groups = groups;
        this.memory = memory;
        this.pids = pids;
        this.cpuacct = cpuacct;
        this.freezer = freezer;
    }

    static CgroupV1 create(Path fsRoot, String name, SandboxLimits limits) throws IOException {
        List<Path> groups = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            groups.add(Files.createDirectories(fsRoot.resolve(controller).resolve("tensormark").resolve(name)));
        }
        Path freezer = null;
        if (Files.isDirectory(fsRoot.resolve("freezer"))) {
            freezer = Files.createDirectories(fsRoot.resolve("freezer").resolve("tensormark").resolve(name));
            groups.add(freezer);
        }
        CgroupV1 cgroup = new CgroupV1(groups, groups.get(0), groups.get(1), groups.get(3), freezer);
        cgroup.limit(groups.get(2), limits);
        return cgroup;
    }

    private void limit(Path cpu, SandboxLimits limits) throws IOException {
        JobCgroup.write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
        Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
            JobCgroup.write(memsw, limits.memoryBytes());
        } else {
            JobCgroup.write(memory.resolve("memory.swappiness"), 0);
        }
        JobCgroup.write(pids.resolve("pids.max"), limits.pids());
        JobCgroup.write(cpu.resolve("cpu.cfs_period_us"), CFS_PERIOD_US);
        JobCgroup.write(cpu.resolve("cpu.cfs_quota_us"), Math.round(limits.cpuCores() * CFS_PERIOD_US));
    }

    @Override
    public List<Path> procsFiles() {
        return groups.stream().map(g -> g.resolve("cgroup.procs")).toList();
    }

    @Override
    public Duration cpuTime() throws IOException {
        return Duration.ofNanos(Long.parseLong(JobCgroup.read(cpuacct.resolve("cpuacct.usage"))));
    }

    @Override
    public long peakMemoryBytes() throws IOException {
        return Long.parseLong(JobCgroup.read(memory.resolve("memory.max_usage_in_bytes")));
    }

    @Override
    public boolean oomKilled() throws IOException {
        for (String line : Files.readAllLines(memory.resolve("memory.oom_control"))) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring(9).trim()) > 0;
            }
        }
        return Long.parseLong(JobCgroup.read(memory.resolve("memory.failcnt"))) > 0;
    }

    @Override
    public List<Long> members() throws IOException {
        return JobCgroup.pids(pids.resolve("cgroup.procs"));
    }

    @Override
    public void killAll() throws IOException, InterruptedException {
        for (int round = 0; !members().isEmpty(); round++) {
            if (round > 500) {
                throw new IOException("processes survive in cgroup " + pids + ": " + members());
            }
            freeze("FROZEN");
            members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            freeze("THAWED");
            Thread.sleep(10);
        }
    }

    private void freeze(String state) throws IOException {
        if (freezer != null) {
            JobCgroup.write(freezer.resolve("freezer.state"), state);
        }
    }

    @Override
    public void remove() throws IOException, InterruptedException {
        for (Path group : groups) {
            JobCgroup.removeDirectory(group);
        }
    }
}

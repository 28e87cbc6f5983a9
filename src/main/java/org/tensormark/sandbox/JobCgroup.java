package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cgroup of one job: limits set before launch, the launcher joins it before the untrusted
 * code starts, the host reads usage and kills every member at the end.
 */
interface JobCgroup {

    /** The cgroup.procs files the launcher writes its own pid into, as root, before dropping privileges. */
    List<Path> procsFiles();

    /** CPU time of every process that ever ran in the cgroup. */
    Duration cpuTime() throws IOException;

    /** Highest memory use, 0 when the kernel does not record it. */
    long peakMemoryBytes() throws IOException;

    /** Whether the kernel's OOM killer acted inside the cgroup. */
    boolean oomKilled() throws IOException;

    /** Pids still in the cgroup. */
    List<Long> members() throws IOException;

    /** Kills every process of the cgroup, including ones that left the session, until none remain. */
    void killAll() throws IOException, InterruptedException;

    /** Removes the cgroup (its members must be gone). */
    void remove() throws IOException, InterruptedException;

    /**
     * Creates a cgroup for a job on the hierarchy found under {@code fsRoot} (normally
     * /sys/fs/cgroup): v2 where memory, pids and cpu are delegated to it, else v1.
     */
    static Optional<JobCgroup> create(Path fsRoot, String name, SandboxLimits limits) throws IOException {
        Path controllers = fsRoot.resolve("cgroup.controllers");
        if (Files.isRegularFile(controllers)
                && List.of(Files.readString(controllers).trim().split("\\s+")).containsAll(List.of("memory", "pids", "cpu"))) {
            return Optional.of(CgroupV2.create(fsRoot, name, limits));
        }
        if (CgroupV1.CONTROLLERS.stream().allMatch(c -> Files.isDirectory(fsRoot.resolve(c)))) {
            return Optional.of(CgroupV1.create(fsRoot, name, limits));
        }
        return Optional.empty();
    }

    /**
     * Removes what a job's cgroup left behind when its worker died mid-job (SIGKILL, a crash): the
     * group {@code tensormark/<name>} on v2 and on every v1 hierarchy under {@code fsRoot}, any
     * process still in it killed first. A job without such a group is left as it is.
     */
    static void removeLeftover(Path fsRoot, String name) throws IOException, InterruptedException {
        Set<Path> groups = new LinkedHashSet<>();
        Path v2 = fsRoot.resolve("tensormark").resolve(name);
        if (Files.isDirectory(v2)) {
            groups.add(v2.toRealPath());
        }
        if (Files.isDirectory(fsRoot)) {
            try (Stream<Path> hierarchies = Files.list(fsRoot)) {
                for (Path h : hierarchies.toList()) {
                    Path group = h.resolve("tensormark").resolve(name);
                    if (Files.isDirectory(group)) {
                        groups.add(group.toRealPath()); // v1's cpu and cpuacct are links to one hierarchy
                    }
                }
            }
        }
        for (Path group : groups) {
            for (long pid : pids(group.resolve("cgroup.procs"))) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            removeDirectory(group);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    static void write(Path file, Object value) throws IOException {
        Files.writeString(file, String.valueOf(value));
    }

    static List<Long> pids(Path procs) throws IOException {
        if (!Files.exists(procs)) {
            return List.of();
        }
        return Files.readAllLines(procs).stream().filter(s -> !s.isBlank()).map(Long::parseLong).toList();
    }

    static void removeDirectory(Path dir) throws IOException, InterruptedException {
        for (int attempt = 0; Files.exists(dir); attempt++) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw new IOException("cannot remove cgroup " + dir + ": " + e.getMessage(), e);
                }
                Thread.sleep(20);
            }
        }
    }
}

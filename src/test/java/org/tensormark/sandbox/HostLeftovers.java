package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a job can leave on the host after the sandbox returned: processes (anything running as the
 * sandbox uid, or naming the harness on its command line) and job cgroups, on a unified (v2)
 * hierarchy as well as on v1 ones. The attack tests assert after every job that there are none.
 */
final class HostLeftovers {

    static final String HARNESS = "/harness/tensormark_harness.py";

    private HostLeftovers() {
    }

    /** Leftovers found on the host. */
    record Found(List<Long> processes, List<Path> cgroups) {

        boolean none() {
            return processes.isEmpty() && cgroups.isEmpty();
        }
    }

    static Found on(SandboxSettings settings) throws IOException {
        return new Found(jobProcesses(settings.uid()), jobCgroups(settings.cgroupFs()));
    }

    /** Fails, naming them, when a job left processes or cgroups behind. */
    static void assertNone(SandboxSettings settings) throws IOException {
        Found left = on(settings);
        if (!left.none()) {
            throw new AssertionError("a job left processes " + left.processes().stream().map(HostLeftovers::describe)
                    .toList() + " and cgroups " + left.cgroups() + " behind");
        }
    }

    /**
     * Pids still alive whose real or effective uid is the sandbox uid, or whose command line names
     * the harness. The uid is read from /proc/PID/status, which a process cannot hide by turning
     * itself undumpable. A zombie has exited already: reaping it is the host init's business (an
     * outer bwrap killed before its child leaves that child to init).
     */
    static List<Long> jobProcesses(int uid) {
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    List<String> status = status(p.pid());
                    boolean alive = status.stream().anyMatch(l -> l.startsWith("State:") && !l.matches("State:\\s+[ZX].*"));
                    boolean asUid = status.stream().anyMatch(l -> l.startsWith("Uid:")
                            && List.of(l.substring(4).trim().split("\\s+")).subList(0, 2).contains(String.valueOf(uid)));
                    return alive && (asUid || p.info().arguments().map(a -> String.join(" ", a).contains(HARNESS))
                            .orElse(false));
                })
                .map(ProcessHandle::pid).toList();
    }

    /** "pid [name, state, parent]" as /proc/PID/status has them, for the failure message. */
    private static String describe(long pid) {
        return pid + " " + status(pid).stream()
                .filter(l -> l.startsWith("Name:") || l.startsWith("State:") || l.startsWith("PPid:"))
                .map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    /** The lines of /proc/PID/status; none once the process is gone (reading it then fails). */
    private static List<String> status(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Job cgroups under {@code cgroupFs}: {@code <fs>/tensormark/*}, where {@link CgroupV2} puts them
     * when {@code <fs>} is a unified mount, and {@code <fs>/<mount>/tensormark/*}, where
     * {@link CgroupV1} puts them on each controller's hierarchy (a hybrid host's own unified mount,
     * {@code <fs>/unified}, has that shape too). Every mount is looked at, not only the
     * controllers the sandbox uses today.
     */
    static List<Path> jobCgroups(Path cgroupFs) throws IOException {
        List<Path> parents = new ArrayList<>(List.of(cgroupFs.resolve("tensormark")));
        for (Path mount : directories(cgroupFs)) {
            parents.add(mount.resolve("tensormark"));
        }
        List<Path> groups = new ArrayList<>();
        for (Path parent : parents) {
            groups.addAll(directories(parent));
        }
        return groups;
    }

    private static List<Path> directories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleJobSweepTest {

    @TempDir
    Path dir;

    @Test
    void jobsLeftByADeadWorkerAreUnmountedAndRemoved() throws Exception {
        Path jobs = dir.resolve("jobs");
        JobDirectory job = JobDirectory.create(jobs, Path.of("graders/python"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", job.out().toString())
                .inheritIO().start();
        assertEquals(0, mount.waitFor(), "mounting a tmpfs needs root, which the sandbox needs too");
        Files.writeString(job.out().resolve("left.npz"), "x");
        Files.createSymbolicLink(job.in().resolve("link"), Path.of("/etc/passwd"));
        Path keep = Files.writeString(dir.resolve("keep.txt"), "not a job");

        assertEquals(1, JobDirectory.sweepStale(jobs));

        assertFalse(Files.exists(job.root()));
        assertTrue(Files.exists(Path.of("/etc/passwd")));
        assertTrue(Files.exists(keep));
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(job.root().toString()));
    }

    @Test
    void theCgroupOfAJobLeftByADeadWorkerIsRemovedWithItsDirectory() throws Exception {
        Path jobs = dir.resolve("jobs");
        JobDirectory job = JobDirectory.create(jobs, Path.of("graders/python"));
        Path cgroups = Path.of("/sys/fs/cgroup");
        JobCgroup.create(cgroups, job.name(), SandboxLimits.defaults())
                .orElseThrow(() -> new AssertionError("no cgroup hierarchy with memory, pids and cpu: the sandbox needs one"));
        try {
            assertFalse(groupsOf(cgroups, job.name()).isEmpty());

            assertEquals(1, JobDirectory.sweepStale(jobs, cgroups));

            assertEquals(List.of(), groupsOf(cgroups, job.name()), "the dead worker's job left no cgroup");
        } finally {
            JobCgroup.removeLeftover(cgroups, job.name()); // a failure here must not leave the next tests a cgroup
        }
    }

    /** The job's group on v2 and every v1 hierarchy. */
    private static List<Path> groupsOf(Path cgroups, String name) throws Exception {
        List<Path> found = new java.util.ArrayList<>();
        if (Files.isDirectory(cgroups.resolve("tensormark").resolve(name))) {
            found.add(cgroups.resolve("tensormark").resolve(name));
        }
        try (java.util.stream.Stream<Path> hierarchies = Files.list(cgroups)) {
            for (Path h : hierarchies.toList()) {
                if (Files.isDirectory(h.resolve("tensormark").resolve(name))) {
                    found.add(h.resolve("tensormark").resolve(name));
                }
            }
        }
        return found;
    }
}

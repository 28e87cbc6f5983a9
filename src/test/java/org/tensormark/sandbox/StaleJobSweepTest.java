package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}

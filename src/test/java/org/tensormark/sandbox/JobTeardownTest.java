package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's clean-up after a job runs to its end when the slot thread has been interrupted (a
 * worker told to stop): before, the first wait inside it threw and the job's out/ mount and
 * cgroup stayed on the host ("Device or resource busy" when the job folder was deleted).
 */
class JobTeardownTest {

    @TempDir
    Path dir;

    private Process sleeper;

    @AfterEach
    void stopSleeper() {
        Thread.interrupted();
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void anInterruptedSlotStillKillsTheJobUnmountsItsTmpfsAndRemovesItsCgroup() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults();
        JobCgroup cgroup = JobCgroup.create(settings.cgroupFs(), "job-teardown-" + ProcessHandle.current().pid(),
                SandboxLimits.defaults()).orElseThrow();
        sleeper = new ProcessBuilder("sleep", "600").start();
        for (Path procs : cgroup.procsFiles()) {
            Files.writeString(procs, Long.toString(sleeper.pid()));
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        ScratchMounts mounts = new ScratchMounts();
        mounts.mount(out, dir.resolve("scratch"), SandboxLimits.defaults());
        assertEquals(2, mountsUnder(dir).size(), "out/ and scratch are mounted");

        Thread.currentThread().interrupt();
        JobTeardown.release(cgroup, mounts);

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(List.of(), mountsUnder(dir), "no tmpfs left on the job folder");
        assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the job's process was killed");
        assertEquals(List.of(), HostLeftovers.on(settings).cgroups(), "the job's cgroup was removed");
    }

    private static List<String> mountsUnder(Path root) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(l -> l.split(" ")[1]).filter(at -> at.startsWith(root.toString())).toList();
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker told to stop interrupts its slot threads while their jobs run. The interrupted run must
 * still kill the job, unmount its tmpfs mounts and remove its cgroup: a mount left behind makes the
 * worker's job folder undeletable ("Device or resource busy") and keeps host memory pinned.
 */
class InterruptedRunTest {

    private JobBench bench;

    @BeforeEach
    void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterEach
    void close() throws Exception {
        bench.close();
    }

    @Test
    void anInterruptedRunLeavesNoProcessMountOrCgroupBehind() throws Exception {
        JobDirectory job = bench.job("sleep_past_wall", "attack");
        AtomicReference<SandboxRun> result = new AtomicReference<>();
        Thread slot = new Thread(() -> result.set(bench.run(job,
                JobBench.LIMITS.withWall(Duration.ofSeconds(60)).withCpu(Duration.ofSeconds(60)))));
        slot.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (JobBench.processesMentioning(HostLeftovers.HARNESS).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(JobBench.processesMentioning(HostLeftovers.HARNESS).isEmpty(), "the job started");

        slot.interrupt();
        slot.join(20_000);

        assertFalse(slot.isAlive(), "the interrupted run returned");
        assertInstanceOf(Verdict.PlatformFailure.class, result.get().verdict());
        assertEquals("", mountsUnder(bench.root()), "tmpfs mounts left under the jobs folder");
        JobBench.assertHostClean();
        job.close();
        assertFalse(Files.exists(job.root()), "the job folder can be deleted");
    }

    private static String mountsUnder(Path root) throws Exception {
        return String.join("\n", Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(root.toString())).toList());
    }
}

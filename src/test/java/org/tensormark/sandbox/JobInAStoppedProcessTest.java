package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A process running a sandbox job in its own threads ({@code check-assignment}, the benchmarks) that
 * is stopped mid-job, by Ctrl-C or {@code kill}, must still kill the job and leave no cgroup, tmpfs
 * mount or job folder behind: the JVM exits without unwinding the slot thread, so its own teardown
 * never runs. (Stop 39's CI failed on two cgroups left by a {@code check-assignment} stopped so.)
 */
class JobInAStoppedProcessTest {

    /**
     * The stopped process: prints its jobs folder, makes a folder it does not run (as a hand-in is
     * staged once for its runs), then runs a job that sleeps for ten minutes.
     */
    public static void main(String[] args) throws Exception {
        Sandbox.undoJobsAtExit(); // as check-assignment and the benchmarks ask
        JobBench bench = new JobBench();
        JobDirectory.create(bench.root(), JobBench.HARNESS);
        JobDirectory job = bench.job("sleep_past_wall", "attack");
        System.out.println(bench.root());
        System.out.flush();
        bench.run(job, JobBench.LIMITS.withWall(Duration.ofSeconds(120)).withCpu(Duration.ofSeconds(120)));
        System.out.println("the run returned");
    }

    @Test
    void aProcessStoppedMidJobKillsItsJobAndLeavesNoMountCgroupOrJobFolder() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath,
                JobInAStoppedProcessTest.class.getName()).redirectErrorStream(true).start();
        Path root = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertNotNull(first, "the process printed its jobs folder");
            root = Path.of(first);
            long deadline = System.currentTimeMillis() + 30_000;
            while (JobBench.processesMentioning(HostLeftovers.HARNESS).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(JobBench.processesMentioning(HostLeftovers.HARNESS).isEmpty(), "the job started");

            child.toHandle().destroy(); // SIGTERM, as kill sends it (Process.destroy would close its output too)
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the stopped process exited");
            String rest = String.join("\n", out.lines().toList());

            assertEquals(143, child.exitValue(), "the process ended by the signal (128 + 15): " + rest);
            JobBench.assertHostClean();
            assertEquals(List.of(), mountsUnder(root), "tmpfs mounts left under the jobs folder");
            try (Stream<Path> left = Files.list(root)) {
                assertEquals(List.of(), left.toList(), "job folders left behind; the process said: " + rest);
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (root != null) {
                removeLeftovers(root);
            }
        }
    }

    private static List<String> mountsUnder(Path root) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1])
                .filter(at -> at.startsWith(root + "/")).toList();
    }

    /** Whatever the stopped process left, so that a failure here does not fail the tests after it. */
    private static void removeLeftovers(Path root) throws Exception {
        JobDirectory.sweepStale(root);
        Files.deleteIfExists(root);
    }
}

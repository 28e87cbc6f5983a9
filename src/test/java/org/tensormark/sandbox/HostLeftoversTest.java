package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check the attack tests run after every job finds what a job could leave behind. */
class HostLeftoversTest {

    private static final SandboxSettings HOST = SandboxSettings.defaults();

    @TempDir
    Path fs;

    @Test
    void aJobCgroupLeftOnAUnifiedHierarchyIsFound() throws Exception {
        Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids");
        assertEquals(List.of(), HostLeftovers.jobCgroups(fs));
        JobCgroup.create(fs, "job-left", JobBench.LIMITS).orElseThrow();
        assertEquals(List.of(fs.resolve("tensormark/job-left")), HostLeftovers.jobCgroups(fs));
    }

    @Test
    void aJobCgroupLeftOnTheV1HierarchiesIsFoundOnEachOfThem() throws Exception {
        for (String controller : List.of("memory", "pids", "cpu", "cpuacct", "freezer")) {
            Files.createDirectories(fs.resolve(controller));
        }
        assertEquals(List.of(), HostLeftovers.jobCgroups(fs));
        JobCgroup.create(fs, "job-left", JobBench.LIMITS).orElseThrow();
        assertEquals(List.of(fs.resolve("cpu/tensormark/job-left"), fs.resolve("cpuacct/tensormark/job-left"),
                fs.resolve("freezer/tensormark/job-left"), fs.resolve("memory/tensormark/job-left"),
                fs.resolve("pids/tensormark/job-left")), HostLeftovers.jobCgroups(fs));
    }

    @Test
    void aCgroupLeftInTheHostsUnifiedMountIsFound() throws Exception {
        Path unified = unifiedMount();
        Path parent = unified.resolve("tensormark");
        boolean madeParent = !Files.exists(parent);
        Path group = Files.createDirectories(parent.resolve("job-left-" + ProcessHandle.current().pid()));
        try {
            assertTrue(HostLeftovers.jobCgroups(HOST.cgroupFs()).contains(group),
                    group + " missing from " + HostLeftovers.jobCgroups(HOST.cgroupFs()));
        } finally {
            Files.delete(group);
            if (madeParent) {
                Files.delete(parent);
            }
        }
        assertFalse(HostLeftovers.jobCgroups(HOST.cgroupFs()).contains(group));
    }

    @Test
    void aHarnessProcessLeftInTheJobCgroupTheSandboxUsesHereIsReportedUntilItIsKilled() throws Exception {
        String name = "job-left-" + ProcessHandle.current().pid();
        JobCgroup cgroup = JobCgroup.create(HOST.cgroupFs(), name, JobBench.LIMITS).orElseThrow();
        Process left = new ProcessBuilder("/bin/sh", "-c", "read line", HostLeftovers.HARNESS).start();
        try {
            for (Path procs : cgroup.procsFiles()) {
                Files.writeString(procs, String.valueOf(left.pid()));
            }
            AssertionError reported = assertThrows(AssertionError.class, () -> HostLeftovers.assertNone(HOST));
            assertTrue(reported.getMessage().contains(String.valueOf(left.pid())), reported.getMessage());
            assertTrue(reported.getMessage().contains("tensormark/" + name), reported.getMessage());
        } finally {
            cgroup.killAll();
            cgroup.remove();
        }
        assertTrue(left.waitFor(5, TimeUnit.SECONDS));
        assertFalse(HostLeftovers.jobProcesses(HOST.uid()).contains(left.pid()));
        assertTrue(HostLeftovers.jobCgroups(HOST.cgroupFs()).stream().noneMatch(g -> g.endsWith(name)));
    }

    @Test
    void anyProcessRunningAsTheSandboxUidIsReported() throws Exception {
        Process left = new ProcessBuilder("setpriv", "--reuid=" + HOST.uid(), "--regid=" + HOST.uid(),
                "--clear-groups", "--", "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!HostLeftovers.jobProcesses(HOST.uid()).contains(left.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(HostLeftovers.jobProcesses(HOST.uid()).contains(left.pid()));
        } finally {
            left.destroyForcibly().waitFor();
        }
        assertFalse(HostLeftovers.jobProcesses(HOST.uid()).contains(left.pid()));
    }

    /** Where the host mounts its cgroup v2 hierarchy (all of /sys/fs/cgroup on a v2-only host). */
    private static Path unifiedMount() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                .filter(f -> f[2].equals("cgroup2")).map(f -> Path.of(f[1])).findFirst()
                .orElseThrow(() -> new AssertionError("this host mounts no cgroup v2 hierarchy"));
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupTest {

    /** The default limits with two cores, whatever this host has (the default leaves the host a core). */
    private static final SandboxLimits TWO_CORES = new SandboxLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), 2,
            2048L << 20, 64, 1 << 20, 64L << 20, 256L << 20, 16_384, 256, 64L << 20);

    @TempDir
    Path fs;

    @Test
    void onAUnifiedHierarchyWithTheControllersTheJobGetsAV2CgroupWithSwapOff() throws Exception {
        Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma\n");
        JobCgroup cgroup = JobCgroup.create(fs, "job-1", TWO_CORES).orElseThrow();
        assertInstanceOf(CgroupV2.class, cgroup);
        Path group = fs.resolve("tensormark/job-1");
        assertEquals(String.valueOf(2048L << 20), Files.readString(group.resolve("memory.max")));
        assertEquals("0", Files.readString(group.resolve("memory.swap.max")));
        assertEquals("64", Files.readString(group.resolve("pids.max")));
        assertEquals("200000 100000", Files.readString(group.resolve("cpu.max")));
        assertEquals("+memory +pids +cpu", Files.readString(fs.resolve("tensormark/cgroup.subtree_control")));
        assertEquals(List.of(group.resolve("cgroup.procs")), cgroup.procsFiles());
    }

    @Test
    void v2UsageAndOomAreReadFromCpuStatMemoryPeakAndMemoryEvents() throws Exception {
        Files.writeString(fs.resolve("cgroup.controllers"), "memory pids cpu");
        JobCgroup cgroup = JobCgroup.create(fs, "job-2", SandboxLimits.defaults()).orElseThrow();
        Path group = fs.resolve("tensormark/job-2");
        Files.writeString(group.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1000000\n");
        Files.writeString(group.resolve("memory.peak"), "12345\n");
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        assertEquals(Duration.ofMillis(1500), cgroup.cpuTime());
        assertEquals(12345, cgroup.peakMemoryBytes());
        assertTrue(cgroup.oomKilled());
    }

    @Test
    void withoutTheUnifiedControllersTheV1HierarchiesAreUsed() throws Exception {
        Files.writeString(fs.resolve("cgroup.controllers"), "hugetlb");
        for (String c : List.of("memory", "pids", "cpu", "cpuacct")) {
            Files.createDirectories(fs.resolve(c));
        }
        JobCgroup cgroup = JobCgroup.create(fs, "job-3", TWO_CORES).orElseThrow();
        assertInstanceOf(CgroupV1.class, cgroup);
        assertEquals("0", Files.readString(fs.resolve("memory/tensormark/job-3/memory.swappiness")),
                "no memsw file: swap is turned off by swappiness");
        assertEquals("200000", Files.readString(fs.resolve("cpu/tensormark/job-3/cpu.cfs_quota_us")));
        assertEquals(4, cgroup.procsFiles().size());
    }

    @Test
    void aHostWithNeitherHierarchyHasNoJobCgroup() throws Exception {
        assertTrue(JobCgroup.create(fs, "job-4", SandboxLimits.defaults()).isEmpty());
    }
}

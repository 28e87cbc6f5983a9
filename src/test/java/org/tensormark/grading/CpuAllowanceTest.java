package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's default slots follow the CPUs the host or its cgroup (v1, v2 or both) allows. */
class CpuAllowanceTest {

    @TempDir
    Path fs;

    @Test
    void aCgroupV2QuotaCapsTheProcessorsAndAParentsLowerQuotaWins() throws IOException {
        write("kubepods/cpu.max", "300000 100000\n");
        write("kubepods/pod1/cpu.max", "max 100000\n");
        CpuAllowance a = CpuAllowance.read(fs, "0::/kubepods/pod1\n", 16);
        assertEquals(OptionalDouble.of(3.0), a.quota());
        assertEquals(3, a.cpus());
        assertEquals(3, a.defaultSlots());
    }

    @Test
    void aCgroupV1QuotaOverItsPeriodCapsTheProcessors() throws IOException {
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "150000\n");
        write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        write("cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        write("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        CpuAllowance a = CpuAllowance.read(fs, "4:cpu,cpuacct:/docker/abc\n3:memory:/docker/abc\n", 8);
        assertEquals(OptionalDouble.of(1.5), a.quota());
        assertEquals(1, a.defaultSlots(), "1.5 CPUs count as one");
    }

    @Test
    void onAHybridHostTheLowerOfTheV1AndV2QuotasWins() throws IOException {
        write("cpu/cpu.cfs_quota_us", "-1\n");
        write("cpu/cpu.cfs_period_us", "100000\n");
        write("cpu/job/cpu.cfs_quota_us", "400000\n");
        write("cpu/job/cpu.cfs_period_us", "100000\n");
        write("unified/job/cpu.max", "200000 100000\n");
        CpuAllowance a = CpuAllowance.read(fs, "1:cpu:/job\n0::/job\n", 32);
        assertEquals(2, a.defaultSlots());
    }

    @Test
    void withoutAQuotaEveryProcessorCountsLessOneInEightForTheServer() throws IOException {
        write("cpu/cpu.cfs_quota_us", "-1\n");
        write("cpu/cpu.cfs_period_us", "100000\n");
        write("unified/cgroup.procs", "");
        assertEquals(2, CpuAllowance.read(fs, "1:cpu:/\n0::/\n", 2).defaultSlots());
        assertEquals(7, CpuAllowance.read(fs, "1:cpu:/\n0::/\n", 8).defaultSlots());
        assertEquals(14, CpuAllowance.read(fs, "1:cpu:/\n0::/\n", 16).defaultSlots());
        assertEquals(1, CpuAllowance.read(fs, "1:cpu:/\n0::/\n", 1).defaultSlots());
    }

    @Test
    void aQuotaUnderOneCpuStillGivesOneSlot() throws IOException {
        write("cpu.max", "50000 100000\n");
        assertEquals(1, CpuAllowance.read(fs, "0::/\n", 4).defaultSlots());
    }

    @Test
    void aSlotsSettingOverridesTheDefaultAndANegativeOneFailsNamingTheKey() {
        assertEquals(3, Worker.slots(WorkerSettings.config("w", 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Worker.slots(WorkerSettings.config("w", -1)));
        assertEquals("tensormark.worker.slots must be 0 (no worker) or more, was -1", e.getMessage());
    }

    private void write(String relative, String content) throws IOException {
        Path file = fs.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}

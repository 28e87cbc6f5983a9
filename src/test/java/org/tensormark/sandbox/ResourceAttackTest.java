package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-ins that try to exhaust the host: each ends with its limit's verdict and leaves nothing behind. */
class ResourceAttackTest {

    private static JobBench bench;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterAll
    static void close() throws Exception {
        bench.close();
    }

    @AfterEach
    void hostIsUntouched() throws Exception {
        JobBench.assertHostClean();
    }

    @Test
    void aForkBombIsContainedAndKilled() throws Exception {
        SandboxRun run = bench.run(bench.job("fork_bomb", "attack"), JobBench.LIMITS.withWall(Duration.ofSeconds(4)));
        assertTrue(run.verdict() instanceof Verdict.CpuTimeLimit || run.verdict() instanceof Verdict.WallTimeLimit,
                run.verdict() + run.stderr());
    }

    @Test
    void aMemoryBombEndsInMemoryLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("memory_bomb", "attack"));
        assertEquals(new Verdict.MemoryLimit(), run.verdict(), run.stderr());
        assertTrue(run.peakMemoryBytes() > JobBench.LIMITS.memoryBytes() / 2, "peak " + run.peakMemoryBytes());
    }

    @Test
    void aCpuLoopEndsInCpuTimeLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("cpu_loop", "attack"), JobBench.LIMITS.withCpu(Duration.ofSeconds(2)));
        assertEquals(new Verdict.CpuTimeLimit(), run.verdict(), run.stderr());
        assertTrue(run.cpuTime().toMillis() >= 1500, "cpu " + run.cpuTime());
    }

    @Test
    void sleepingPastTheWallLimitIsKilledOnTime() throws Exception {
        SandboxRun run = bench.run(bench.job("sleep_past_wall", "attack"), JobBench.LIMITS.withWall(Duration.ofSeconds(2)));
        assertEquals(new Verdict.WallTimeLimit(), run.verdict(), run.stderr());
        assertTrue(run.wallTime().toMillis() < 4000, "wall " + run.wallTime());
    }

    @Test
    void aBusyWaitSpinningOnTwoThreadsEndsInCpuTimeLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("gpu_spin", "attack"), JobBench.LIMITS.withCpu(Duration.ofSeconds(2)));
        assertEquals(new Verdict.CpuTimeLimit(), run.verdict(), run.stderr());
    }

    @Test
    void aGigabyteOfStdoutIsCappedAndEndsInOutputLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("stdout_flood", "attack"));
        assertEquals(new Verdict.OutputLimit(), run.verdict(), run.stderr());
        assertTrue(run.stdout().contains("[truncated"), "no truncation note");
        assertTrue(run.stdout().length() < JobBench.LIMITS.streamBytes() + 200, "kept " + run.stdout().length());
    }

    @Test
    void fillingTmpStopsAtItsSizeCapAndEndsInDiskFull() throws Exception {
        SandboxRun run = bench.run(bench.job("fill_tmp", "attack"));
        Verdict.DiskFull full = assertInstanceOf(Verdict.DiskFull.class, run.verdict(), run.stderr());
        assertEquals("/tmp", full.where());
        assertEquals(JobBench.LIMITS.tmpfsBytes(), full.maxBytes());
        assertTrue(full.sentence().startsWith("your program ran out of disk space in /tmp: "), full.sentence());
        assertTrue(JobBench.results(run).contains("No space left on device"), JobBench.results(run));
    }

    @Test
    void creatingFilesInTmpUntilItFailsEndsInDiskFullCountingTheFiles() throws Exception {
        SandboxRun run = bench.run(bench.job("fill_tmp_inodes", "attack"));
        Verdict.DiskFull full = assertInstanceOf(Verdict.DiskFull.class, run.verdict(), run.stderr());
        assertTrue(full.outOfFiles(), full.toString());
        assertEquals("your program ran out of files in /tmp: 1,024 files of at most 1,024; delete temporary files"
                + " once you are done with them, or write fewer, larger files", full.sentence());
        assertTrue(JobBench.results(run).contains("No space left on device"), JobBench.results(run));
    }

    @Test
    void usingUpTheFilesOfOutIsDiskFullNotAnExitCode() throws Exception {
        SandboxRun run = bench.run(bench.job("fill_out_inodes", "attack"));
        Verdict.DiskFull full = assertInstanceOf(Verdict.DiskFull.class, run.verdict(), run.stderr());
        assertEquals("out/", full.where());
        assertTrue(full.outOfFiles(), full.toString());
    }

    @Test
    void fillingOutEndsInOutputLimitWithAtMostTheCapCollected() throws Exception {
        SandboxRun run = bench.run(bench.job("fill_out", "attack"));
        assertEquals(new Verdict.OutputLimit(), run.verdict(), run.stderr());
        long collected = run.outputs().values().stream().mapToLong(b -> b.length).sum();
        assertTrue(collected <= JobBench.LIMITS.outBytes(), "collected " + collected);
    }

    @Test
    void aTwoGigabyteFileIsStoppedByTheFileSizeLimit() throws Exception {
        SandboxRun run = bench.run(bench.job("huge_file", "attack"));
        assertInstanceOf(Verdict.OutputLimit.class, run.verdict(), run.stderr());
        assertTrue(JobBench.results(run).contains("File too large"), JobBench.results(run));
        assertTrue(run.outputs().getOrDefault("big.bin", new byte[0]).length <= JobBench.LIMITS.fileBytes());
    }
}

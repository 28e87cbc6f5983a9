package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

    @Test
    void aJobWhoseHarnessNeverStartedIsThePlatformsFailureAndNotCharged() {
        Verdict v = VerdictRules.verdict(facts(false, outcome(1, 0, JobWatch.Kill.NONE), false, false));
        assertInstanceOf(Verdict.PlatformFailure.class, v);
        assertFalse(v.chargeable());
    }

    @Test
    void aLimitTheHostEnforcedWinsOverTheExitStatusItCaused() {
        assertEquals(new Verdict.WallTimeLimit(), VerdictRules.verdict(facts(false, outcome(-1, 9, JobWatch.Kill.WALL), false, false)));
        assertEquals(new Verdict.CpuTimeLimit(), VerdictRules.verdict(facts(true, outcome(-1, 9, JobWatch.Kill.CPU), true, false)));
        assertEquals(new Verdict.OutputLimit(), VerdictRules.verdict(facts(true, outcome(-1, 9, JobWatch.Kill.OUTPUT), false, false)));
    }

    @Test
    void theKernelsOomKillIsAMemoryLimit() {
        assertEquals(new Verdict.MemoryLimit(), VerdictRules.verdict(facts(true, outcome(-1, 9, JobWatch.Kill.NONE), true, false)));
    }

    @Test
    void cpuAndFileSizeSignalsAndAFullOutDirectoryAreLimits() {
        assertEquals(new Verdict.CpuTimeLimit(), VerdictRules.verdict(facts(true, outcome(-1, 24, JobWatch.Kill.NONE), false, false)));
        assertEquals(new Verdict.OutputLimit(), VerdictRules.verdict(facts(true, outcome(-1, 25, JobWatch.Kill.NONE), false, false)));
        assertEquals(new Verdict.OutputLimit(), VerdictRules.verdict(facts(true, outcome(0, 0, JobWatch.Kill.NONE), false, true)));
    }

    @Test
    void theExitStatusDecidesTheRest() {
        assertEquals(new Verdict.Ok(), VerdictRules.verdict(facts(true, outcome(0, 0, JobWatch.Kill.NONE), false, false)));
        assertEquals(new Verdict.RuntimeError(3, 0), VerdictRules.verdict(facts(true, outcome(3, 0, JobWatch.Kill.NONE), false, false)));
        assertEquals(new Verdict.RuntimeError(-1, 11), VerdictRules.verdict(facts(true, outcome(-1, 11, JobWatch.Kill.NONE), false, false)));
    }

    @Test
    void aScratchFileSystemTheHostFoundFullIsItsOwnVerdictWhateverTheExitStatus() {
        Verdict.DiskFull inodes = new Verdict.DiskFull("/tmp", 1024, 1024, 4096, 16 << 20);
        for (int exit : new int[] {0, 1}) {
            VerdictRules.Facts f = new VerdictRules.Facts(true, outcome(exit, 0, JobWatch.Kill.NONE), false, false, false,
                    Optional.of(inodes));
            assertEquals(inodes, VerdictRules.verdict(f));
        }
        VerdictRules.Facts killed = new VerdictRules.Facts(true, outcome(-1, 9, JobWatch.Kill.WALL), false, false, false,
                Optional.of(inodes));
        assertEquals(new Verdict.WallTimeLimit(), VerdictRules.verdict(killed), "a limit the host enforced comes first");
    }

    @Test
    void aFullScratchFileSystemIsExplainedWithItsFigures() {
        assertEquals("your program ran out of files in /tmp: 16,384 files of at most 16,384; delete temporary files"
                + " once you are done with them, or write fewer, larger files",
                new Verdict.DiskFull("/tmp", 16_384, 16_384, 65_536, 256L << 20).sentence());
        assertEquals("your program ran out of disk space in /tmp: 268.4 MB of at most 268.4 MB; delete temporary files"
                + " once you are done with them, or write less",
                new Verdict.DiskFull("/tmp", 12, 16_384, 256L << 20, 256L << 20).sentence());
    }

    private static VerdictRules.Facts facts(boolean started, JobWatch.Outcome o, boolean oom, boolean outFull) {
        return new VerdictRules.Facts(started, o, oom, o.kill() == JobWatch.Kill.CPU, outFull, Optional.empty());
    }

    private static JobWatch.Outcome outcome(int exit, int signal, JobWatch.Kill kill) {
        return new JobWatch.Outcome(exit, signal, kill, Duration.ofSeconds(1), "", "bwrap: oops");
    }
}

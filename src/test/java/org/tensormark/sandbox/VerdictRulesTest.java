package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
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

    private static VerdictRules.Facts facts(boolean started, JobWatch.Outcome o, boolean oom, boolean outFull) {
        return new VerdictRules.Facts(started, o, oom, o.kill() == JobWatch.Kill.CPU, outFull);
    }

    private static JobWatch.Outcome outcome(int exit, int signal, JobWatch.Kill kill) {
        return new JobWatch.Outcome(exit, signal, kill, Duration.ofSeconds(1), "", "bwrap: oops");
    }
}

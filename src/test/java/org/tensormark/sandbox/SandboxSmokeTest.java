package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxSmokeTest {

    @Test
    void aCorrectHandInRunsAndItsOutputsAreCollected() throws Exception {
        try (JobBench bench = new JobBench()) {
            SandboxRun run = bench.run(bench.job("basic", "add", List.of(1, 2), List.of(3, 4)));
            assertEquals(new Verdict.Ok(), run.verdict(), run.stderr());
            assertTrue(run.stdout().contains("adding"));
            assertTrue(run.outputs().containsKey("c1.npz"), run.outputs().keySet().toString());
            assertTrue(JobBench.results(run).contains("\"ok\""), JobBench.results(run));
            assertTrue(run.peakMemoryBytes() > 0);
        }
    }

    @Test
    void theJobHasAUserNameThreadPoolsSizedToItsQuotaAndStartsInTmp() throws Exception {
        try (JobBench bench = new JobBench()) {
            SandboxRun run = bench.run(bench.job("basic", "environment"));
            assertEquals("['tensormark', '2', '/tmp']", JobBench.printed(run), run.stderr());
        }
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.AssignmentLimits;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.sandbox.Sandbox;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxSettings;
import org.tensormark.sandbox.Verdict;

class JobLimitsTest {

    private static final Duration WORKER_WALL = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void byDefaultAJobLeavesTheHostACoreAndRunsForTheWorkersWallLimit() {
        SandboxLimits big = JobLimits.of(AssignmentLimits.NONE, WORKER_WALL, 16);
        assertEquals(15.0, big.cpuCores());
        assertEquals(WORKER_WALL, big.wall());
        assertEquals(SandboxLimits.defaults().memoryBytes(), big.memoryBytes());
        assertEquals(SandboxLimits.defaults().pids(), big.pids());
        assertEquals(SandboxLimits.defaults().outBytes(), big.outBytes());
        assertEquals(1.0, JobLimits.of(AssignmentLimits.NONE, WORKER_WALL, 2).cpuCores());
        assertEquals(1.0, JobLimits.of(AssignmentLimits.NONE, WORKER_WALL, 1).cpuCores());
    }

    @Test
    void declaredLimitsReplaceTheDefaultsButNeverAskForMoreCoresThanTheHostHas() {
        AssignmentLimits declared = new AssignmentLimits(30L, 2.0, 1L << 30, 100, 8L << 20);
        SandboxLimits limits = JobLimits.of(declared, WORKER_WALL, 16);
        assertEquals(Duration.ofSeconds(30), limits.wall());
        assertEquals(2.0, limits.cpuCores());
        assertEquals(1L << 30, limits.memoryBytes());
        assertEquals(100, limits.pids());
        assertEquals(8L << 20, limits.outBytes());
        assertEquals(4.0, JobLimits.of(new AssignmentLimits(null, 32.0, null, null, null), WORKER_WALL, 4).cpuCores());
    }

    @Test
    void theCpuBudgetIsBeyondWhatTheQuotaAllowsWithinTheWallLimit() {
        SandboxLimits limits = JobLimits.of(new AssignmentLimits(10L, 1.5, null, null, null), WORKER_WALL, 8);
        assertTrue(limits.cpu().compareTo(Duration.ofMillis(15_000)) > 0, limits.cpu().toString());
    }

    @Test
    void aJobDeclaredWithOneCpuAndAThreeSecondWallIsHeldToBothInTheSandbox() throws Exception {
        SandboxLimits limits = JobLimits.of(new AssignmentLimits(3L, 1.0, null, null, null), WORKER_WALL, 16);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        try (JobDirectory job = JobDirectory.create(dir.resolve("jobs"), Path.of("graders/python"))) {
            Files.writeString(job.submission().resolve("handin.py"), resource("spin_two_processes.py"));
            Map<String, Object> call = Map.of("id", "c1", "target", "spin", "args", List.of(), "seed", 1);
            new ObjectMapper().writeValue(job.in().resolve("plan.json").toFile(),
                    Map.of("harness_version", 1, "module", "handin.py", "calls", List.of(call)));

            SandboxRun run = new Sandbox(SandboxSettings.defaults()).run(job, limits, null);

            assertEquals(new Verdict.WallTimeLimit(), run.verdict(), run.stdout() + run.stderr());
            assertTrue(run.wallTime().compareTo(Duration.ofMillis(4_500)) < 0, "wall " + run.wallTime());
            assertTrue(run.stdout().contains("THREADS 1"), "thread pools sized to one core: " + run.stdout());
            assertTrue(run.cpuTime().compareTo(Duration.ofMillis(4_000)) < 0,
                    "two busy processes held to one core for 3 s used " + run.cpuTime());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JobLimitsTest.class.getResourceAsStream("/grading/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

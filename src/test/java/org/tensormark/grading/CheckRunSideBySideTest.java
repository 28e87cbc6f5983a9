package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.course.Visibility;
import org.tensormark.sandbox.SandboxLimits;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.sandbox.Verdict;

/**
 * A job's visibility groups run side by side on the CPU: both runs are going at once, an interrupt
 * of the worker's slot reaches every run, and nothing is left running when the job ends. The
 * sandbox is a stand-in that only records what it was asked; the job directories are real.
 */
class CheckRunSideBySideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path jobs;

    @Test
    void theVisibleAndTheHiddenRunAreGoingAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SandboxRunner sandbox = (job, image, limits, gpu) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                bothStarted.countDown();
                // one after the other, the first run would wait here for a second that never comes
                return bothStarted.await(10, TimeUnit.SECONDS) ? ok() : failed("alone");
            } catch (InterruptedException e) {
                return failed("interrupted");
            } finally {
                running.decrementAndGet();
            }
        };

        Map<Visibility, SandboxRun> runs = runBoth(sandbox);

        assertEquals(Set.of(Visibility.VISIBLE, Visibility.HIDDEN), runs.keySet());
        runs.values().forEach(r -> assertInstanceOf(Verdict.Ok.class, r.verdict()));
        assertEquals(2, most.get(), "two runs at once");
    }

    @Test
    void anInterruptOfTheSlotStopsEveryRunAndNoneIsLeftGoing() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> interrupted = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        SandboxRunner sandbox = (job, image, limits, gpu) -> {
            running.incrementAndGet();
            bothStarted.countDown();
            try {
                Thread.sleep(60_000); // a long training call
                return ok();
            } catch (InterruptedException e) {
                interrupted.add(Thread.currentThread().getName());
                Thread.currentThread().interrupt(); // as the sandbox does: the job is killed, the interrupt kept
                return failed("sandbox interrupted");
            } finally {
                running.decrementAndGet();
            }
        };
        Thread slot = Thread.currentThread();
        Thread stopper = new Thread(() -> {
            try {
                bothStarted.await(10, TimeUnit.SECONDS);
                slot.interrupt(); // the worker stopping: only the slot's own thread is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();

        long started = System.nanoTime();
        assertThrows(PlatformFailure.class, () -> runBoth(sandbox));

        assertTrue(Thread.interrupted(), "the slot's interrupt is kept for the worker");
        assertEquals(2, interrupted.size(), "both runs were interrupted: " + interrupted);
        assertEquals(0, running.get(), "no run is still going when the job ends");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "nothing waited for the long call");
        stopper.join();
    }

    @Test
    void aPlatformFailureOfTheOtherRunIsTheJobs() throws Exception {
        // the hidden group runs on a thread of its own, named after the slot and the group
        SandboxRunner sandbox = (job, image, limits, gpu) -> Thread.currentThread().getName().endsWith("-hidden")
                ? failed("the launcher went away") : ok();

        PlatformFailure failure = assertThrows(PlatformFailure.class, () -> runBoth(sandbox));

        assertTrue(failure.getMessage().contains("the launcher went away"), failure.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theChecksThatNeedNoRunAreScoredWhileTheSandboxRunsAndKeepTheirPlace() throws Exception {
        CountDownLatch sandboxRunning = new CountDownLatch(1);
        CountDownLatch reportScored = new CountDownLatch(1);
        GraderKind report = new Kind("report", true, (check, plan) -> { }, check -> {
            await(sandboxRunning);
            reportScored.countDown();
            return outcome(check, "read beside the sandbox");
        });
        GraderKind tensor = new Kind("tensor", false, (check, plan) -> plan.call(check.id(), "f", List.of(), 1),
                check -> outcome(check, "scored from the run"));
        SandboxRunner sandbox = (job, image, limits, gpu) -> {
            sandboxRunning.countDown();
            // scored after the runs, as before, the report would never be read while this waits
            return await(reportScored) ? ok() : failed("the report was not scored while the sandbox ran");
        };

        CheckRun.Outcome outcome = execute(List.of(tensor, report), sandbox, check("f", "tensor"), check("report", "report"),
                check("g", "tensor"));

        assertEquals(List.of("f", "report", "g"), outcome.checks().stream().map(CheckOutcome::checkId).toList());
        assertEquals(List.of("scored from the run", "read beside the sandbox", "scored from the run"),
                outcome.checks().stream().map(CheckOutcome::summary).toList());
    }

    @Test
    void aJobWhoseRunFailsLeavesNoCheckBeingScored() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicInteger stillReading = new AtomicInteger();
        GraderKind report = new Kind("report", true, (check, plan) -> { }, check -> {
            stillReading.incrementAndGet();
            reading.countDown();
            try {
                Thread.sleep(60_000); // a report that takes long to read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stillReading.decrementAndGet();
            }
            return outcome(check, "interrupted");
        });
        GraderKind tensor = new Kind("tensor", false, (check, plan) -> plan.call(check.id(), "f", List.of(), 1),
                check -> outcome(check, "scored from the run"));
        SandboxRunner sandbox = (job, image, limits, gpu) -> await(reading) ? failed("the launcher went away") : ok();

        long started = System.nanoTime();
        assertThrows(PlatformFailure.class, () -> execute(List.of(tensor, report), sandbox, check("f", "tensor"),
                check("report", "report")));

        assertEquals(0, stillReading.get(), "the report is no longer being read when the job ends");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "nothing waited for the long read");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private CheckRun.Outcome execute(List<GraderKind> kinds, SandboxRunner sandbox, CheckSpec... checks) throws Exception {
        AssignmentView a1 = AssignmentPreview.of(Path.of("assignments", "a1"));
        AssignmentView a = new AssignmentView(a1.id(), a1.version(), a1.courseId(), a1.title(), a1.groupWork(),
                a1.maxGroupSize(), a1.releaseAt(), a1.dueAt(), a1.zone(), a1.lateRule(), a1.files(), a1.handinsPerDay(),
                a1.counts(), List.of(checks), a1.handout(), a1.limits(), a1.image());
        GradingContext context = new GradingContext(a, Optional.empty(), List.of(), ReferenceStore.inMemory());
        try (StagedHandin staged = StagedHandin.create(jobs, Path.of("graders/python"))) {
            Files.writeString(staged.submission().resolve("handin.py"), "def f():\n    return 1\n");
            return CheckRun.execute(context, kinds, staged, "handin", null, sandbox, SandboxLimits.defaults(), null, JSON);
        }
    }

    private static CheckSpec check(String id, String kind) {
        return new CheckSpec(id, kind, 1, Visibility.VISIBLE, Map.of());
    }

    private static CheckOutcome outcome(CheckSpec check, String summary) {
        return new CheckOutcome(check.id(), check.kind(), "visible", 1, 1, CheckOutcome.Status.PASSED, summary, Map.of());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A kind of check made of two lambdas. */
    private record Kind(String name, boolean scoresWithoutRuns, BiConsumer<CheckSpec, JobPlan> adds,
            Function<CheckSpec, CheckOutcome> scores) implements GraderKind {

        @Override
        public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
            adds.accept(check, plan);
            return null;
        }

        @Override
        public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
            return scores.apply(check);
        }
    }

    /** A visible and a hidden plan of one staged hand-in. */
    private Map<Visibility, SandboxRun> runBoth(SandboxRunner sandbox) throws Exception {
        try (StagedHandin staged = StagedHandin.create(jobs, Path.of("graders/python"))) {
            Files.writeString(staged.submission().resolve("handin.py"), "def f(x):\n    return x\n");
            return CheckRun.runSideBySide(List.of(Map.entry(Visibility.VISIBLE, new JobPlan("handin")),
                    Map.entry(Visibility.HIDDEN, new JobPlan("handin"))), staged, sandbox, "course-cpu",
                    SandboxLimits.defaults(), JSON, CheckRun.RunDone.NOTHING);
        }
    }

    private static SandboxRun failed(String reason) {
        return new SandboxRun(new Verdict.PlatformFailure(reason), -1, 0, "", "", Duration.ZERO, Duration.ZERO, 0, Map.of(),
                List.of(), Optional.empty());
    }

    private static SandboxRun ok() {
        return new SandboxRun(new Verdict.Ok(), 0, 0, "", "", Duration.ofMillis(5), Duration.ofMillis(5), 0, Map.of(),
                List.of(), Optional.empty());
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void theRunsDirectoriesAreDeletedWhenTheJobEndsNotWhileItsResultIsOnItsWay() throws Exception {
        Set<Path> runDirectories = ConcurrentHashMap.newKeySet();
        SandboxRunner sandbox = (job, image, limits, gpu) -> {
            runDirectories.add(job.root());
            return ok();
        };

        try (StagedHandin staged = StagedHandin.create(jobs, Path.of("graders/python"))) {
            Files.writeString(staged.submission().resolve("handin.py"), "def f(x):\n    return x\n");
            CheckRun.runSideBySide(List.of(Map.entry(Visibility.VISIBLE, new JobPlan("handin")),
                    Map.entry(Visibility.HIDDEN, new JobPlan("handin"))), staged, sandbox, "course-cpu",
                    SandboxLimits.defaults(), JSON, CheckRun.RunDone.NOTHING);

            // scoring and recording come next: deleting the runs' directories waits until they are done
            assertEquals(2, runDirectories.size());
            for (Path run : runDirectories) {
                assertTrue(Files.isDirectory(run), run + " was deleted before the job ended");
            }
        }

        for (Path run : runDirectories) {
            assertFalse(Files.exists(run), run + " is left after the job");
        }
        try (var left = Files.list(jobs)) {
            assertEquals(List.of(), left.toList(), "the staging and the runs' directories are all deleted");
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

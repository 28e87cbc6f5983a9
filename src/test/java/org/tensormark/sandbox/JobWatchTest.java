package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a job leaves when the thread watching it is interrupted because its worker stops. */
class JobWatchTest {

    @Test
    void interruptingTheWatchingThreadKillsTheJobAndItsChildrenEvenWithoutACgroup() throws Exception {
        String marker = "job-watch-test-" + System.nanoTime();
        // The launcher's stand-in starts a child and waits for it, as bubblewrap waits for the harness.
        List<String> command = List.of("sh", "-c", "sleep 300 & wait; : " + marker);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread watching = new Thread(() -> {
            try {
                new JobWatch(SandboxLimits.defaults(), null).run(command, Map.of());
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "job-watch-test");
        watching.start();
        ProcessHandle launcher = awaitProcess(marker);
        List<ProcessHandle> job = new java.util.ArrayList<>(launcher.descendants().toList());
        job.add(launcher);
        assertTrue(job.size() >= 2, "the stand-in's child did not start: " + job);

        try {
            watching.interrupt();
            watching.join(10_000);

            assertTrue(!watching.isAlive(), "the watching thread did not end after its interrupt");
            assertEquals(InterruptedException.class, ended.get() == null ? null : ended.get().getClass(),
                    "the interrupt is passed on to the worker");
            awaitExit(job);
            assertEquals(List.of(), job.stream().filter(ProcessHandle::isAlive).toList(),
                    "processes of the job outlived its watch");
        } finally {
            job.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitExit(List<ProcessHandle> job) throws Exception {
        try {
            CompletableFuture.allOf(job.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // the assertion that follows names the survivors
        }
    }

    private static ProcessHandle awaitProcess(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var found = ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                    .filter(p -> p.descendants().findAny().isPresent())
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the job's stand-in never started");
    }
}

package org.tensormark.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tensormark.sandbox.SandboxRun;

/**
 * One job's runs kept while the job goes on: each run's files go to the {@link RunStore} as soon as
 * its sandbox returns, on a thread of their own, beside the job's other runs and its scoring; the
 * recording then waits only for what is not on disk yet. Stored one after the other before the
 * recording, the runs' files (their flushes to disk above all) took 18-50 ms of every A1 hand-in,
 * after its scoring (README "Measuring"). Files of a job that ends without a result stay
 * unreferenced, and the blob janitor removes them as it removes any such file.
 */
final class RunKeeping {

    /** Threads that store runs' files; idle ones end after a minute. */
    private static final ExecutorService STORING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tensormark-run-store");
        t.setDaemon(true);
        return t;
    });

    private final RunStore store;
    /** By plan: each run has a plan of its own ({@link CheckRun.GroupRun#plan()} is the plan it was given). */
    private final Map<JobPlan, CompletableFuture<RunStore.RunFiles>> storing = new IdentityHashMap<>();

    RunKeeping(RunStore store) {
        this.store = store;
    }

    /** Starts storing what {@code run} produced from {@code plan}; returns at once. */
    synchronized void ran(JobPlan plan, SandboxRun run) {
        storing.put(plan, CompletableFuture.supplyAsync(() -> {
            try {
                return store.put(plan, run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, STORING));
    }

    /** The stored files of a run of this job, waiting for them if they are still being stored. */
    RunStore.RunFiles files(CheckRun.GroupRun run) throws IOException {
        CompletableFuture<RunStore.RunFiles> started;
        synchronized (this) {
            started = storing.get(run.plan());
        }
        if (started == null) { // a run this did not hear of: stored now
            return store.put(run.plan(), run.run());
        }
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the " + run.group().name().toLowerCase() + " run's files were stored",
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException failed) {
                throw failed.getCause();
            }
            throw new IOException("storing the " + run.group().name().toLowerCase() + " run's files: " + e.getCause(),
                    e.getCause());
        }
    }
}

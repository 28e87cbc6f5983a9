package org.tensormark.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tensormark.sandbox.SandboxRun;

/**
 * One job's runs kept while the job goes on: each run's files are named by their content and go to
 * the {@link RunStore} as soon as its sandbox returns, on a thread of their own, beside the job's
 * other runs and its scoring. The recording inserts its rows with the names ({@link #files}) while
 * the files may still be flushed to disk, and waits for them ({@link #awaitOnDisk}) only before it
 * commits, so that no committed row names a file not on disk. Stored one after the other before
 * the recording, the runs' files (their flushes to disk above all) took 18-50 ms of every A1
 * hand-in, after its scoring; awaited before the recording's statements instead of beside them,
 * 0-31 ms (README "Measuring"). Files of a job that ends without a result stay unreferenced, and
 * the blob janitor removes them as it removes any such file.
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
    private final Map<JobPlan, Storing> storing = new IdentityHashMap<>();

    /** A run's files: named, then on disk. */
    private record Storing(CompletableFuture<RunStore.Named> named, CompletableFuture<Void> onDisk) {
    }

    RunKeeping(RunStore store) {
        this.store = store;
    }

    /** Starts naming and storing what {@code run} produced from {@code plan}; returns at once. */
    synchronized void ran(JobPlan plan, SandboxRun run) {
        CompletableFuture<RunStore.Named> named = CompletableFuture.supplyAsync(() -> store.named(plan, run), STORING);
        CompletableFuture<Void> onDisk = named.thenAcceptAsync(n -> {
            try {
                store.keep(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, STORING);
        storing.put(plan, new Storing(named, onDisk));
    }

    /**
     * The blobs a run of this job is stored as, once they are named; its files may not be on disk
     * yet ({@link #awaitOnDisk}). A run this was not told of is stored now.
     */
    RunStore.RunFiles files(CheckRun.GroupRun run) throws IOException {
        Storing started;
        synchronized (this) {
            started = storing.get(run.plan());
        }
        if (started == null) {
            return store.put(run.plan(), run.run());
        }
        return await(started.named(), "named").files();
    }

    /** Waits until the files of every run this was told of are on disk; throws why one could not be stored. */
    void awaitOnDisk() throws IOException {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = storing.values().stream().map(Storing::onDisk).toList();
        }
        for (CompletableFuture<Void> onDisk : all) {
            await(onDisk, "stored");
        }
    }

    private static <T> T await(CompletableFuture<T> step, String what) throws IOException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a run's files were " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException failed) {
                throw failed.getCause();
            }
            throw new IOException("a run's files could not be " + what + ": " + e.getCause(), e.getCause());
        }
    }
}

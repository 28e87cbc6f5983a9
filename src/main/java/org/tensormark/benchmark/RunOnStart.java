package org.tensormark.benchmark;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;

/**
 * Runs a benchmark once the platform has started, on a thread of its own so that start-up
 * completes, then ends the process: exit code 0 when the run says it met its targets, 1 when it
 * did not or failed.
 */
public final class RunOnStart {

    private RunOnStart() {
    }

    /** Starts {@code run} on a daemon thread named {@code name}; its result decides the exit code. */
    public static void start(String name, Callable<Boolean> run) {
        Thread runner = new Thread(() -> {
            try {
                Quarkus.asyncExit(run.call() ? 0 : 1);
            } catch (Exception e) {
                System.err.println(name + " failed: " + e);
                e.printStackTrace();
                Quarkus.asyncExit(1);
            }
        }, name);
        runner.setDaemon(true);
        runner.start();
    }
}

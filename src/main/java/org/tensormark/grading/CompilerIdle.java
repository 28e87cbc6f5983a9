package org.tensormark.grading;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits until this JVM's just-in-time compiler has compiled nothing for a while. The compiler
 * raises its thresholds while its queue is long, so code that a busy warm-up ran often enough is
 * still interpreted when the warm-up ends and is compiled at its next use: without a wait and a
 * few more rehearsals, in the first hand-in (its job compiled for 100 ms against 30 for the tenth
 * on a 2-CPU host, README "Measuring").
 */
final class CompilerIdle {

    private static final long POLL_MILLIS = 50;
    /** Polls without a compilation in between that count as idle. */
    private static final int QUIET_POLLS = 2;

    private CompilerIdle() {
    }

    /** Waits for the compiler to be idle, at most {@code atMost}; returns how long it waited. */
    static Duration await(Duration atMost) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return Duration.ZERO;
        }
        long compiled = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_POLLS && System.nanoTime() - start < atMost.toNanos()) {
            Thread.sleep(POLL_MILLIS);
            long now = jit.getTotalCompilationTime();
            quiet = now == compiled ? quiet + 1 : 0;
            compiled = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

package org.tensormark.grading;

import org.jboss.logging.Logger;
import org.tensormark.reference.ReferenceRuntime;

/**
 * What every job of this process needs and no hand-in changes, done once when a worker starts,
 * beside its first jobs rather than inside one: the reference engine's native library and the
 * report reader with its font mapping (the grading image's versions come from its manifest and
 * need no warming). Without it the first hand-in after a start waits for them.
 */
final class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private WarmUp() {
    }

    /** Starts the warm-up on a daemon thread of its own and returns at once. */
    static void inBackground() {
        Thread warm = new Thread(() -> {
            try {
                ReferenceRuntime.engine();
                ReportCheck.warmUp();
            } catch (Throwable e) { // the first job that needs them loads them itself and reports any failure
                LOG.warnf("warming up the worker: %s", e.toString());
            }
        }, "tensormark-warm-up");
        warm.setDaemon(true);
        warm.start();
    }
}

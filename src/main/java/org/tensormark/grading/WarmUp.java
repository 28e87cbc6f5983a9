package org.tensormark.grading;

import org.jboss.logging.Logger;
import org.tensormark.reference.ReferenceRuntime;

/**
 * What every job of this process needs and no hand-in changes, done once when a worker starts,
 * beside its first jobs rather than inside one: the sandbox interpreter's versions for provenance
 * (a Python start that imports NumPy and PyTorch) and the reference engine's native library.
 * Without it the first hand-in after a start waits for both.
 */
final class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private WarmUp() {
    }

    /** Starts the warm-up on a daemon thread of its own and returns at once. */
    static void inBackground() {
        Thread warm = new Thread(() -> {
            try {
                Provenance.runtimeVersions();
                ReferenceRuntime.engine();
            } catch (Throwable e) { // the first job that needs them loads them itself and reports any failure
                LOG.warnf("warming up the worker: %s", e.toString());
            }
        }, "tensormark-warm-up");
        warm.setDaemon(true);
        warm.start();
    }
}

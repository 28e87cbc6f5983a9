package org.tensormark.sandbox;

import java.io.IOException;
import java.util.List;

/**
 * Clean-up that must not stop at its first failure: an action done on every item in turn, each
 * tried even when an earlier one failed, then the first failure thrown with the later ones
 * suppressed in it. A mount, a cgroup or a job folder skipped because another could not be
 * removed would stay on the host.
 */
public final class EveryOneTried {

    private EveryOneTried() {
    }

    /** What is done to each item. */
    @FunctionalInterface
    public interface Action<T> {
        void on(T item) throws IOException;
    }

    /** Does {@code action} on every item of {@code items}, in their order; throws the first failure. */
    public static <T> void each(List<T> items, Action<T> action) throws IOException {
        IOException failed = null;
        for (T item : items) {
            try {
                action.on(item);
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}

package org.tensormark.grading;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.VersionSynced;

/**
 * Computes a synced version's reference figures (tensor checks' reference outputs, train checks'
 * reference accuracies) into the {@link DatabaseReferences} store as soon as the sync commits, on
 * a background thread: neither the sync, nor start-up, nor the version's first hand-in waits for
 * them. Figures already stored (another server computed them, or this one before a restart) are
 * found, not computed again. A figure that fails here is computed on first use instead.
 */
@ApplicationScoped
public class SyncedReferences {

    private static final Logger LOG = Logger.getLogger(SyncedReferences.class);

    private final AssignmentCatalog catalog;
    private final Instance<GraderKind> kinds;
    private final DatabaseReferences references;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tensormark-references");
        t.setDaemon(true);
        return t;
    });

    SyncedReferences(AssignmentCatalog catalog, Instance<GraderKind> kinds, DatabaseReferences references) {
        this.catalog = catalog;
        this.kinds = kinds;
        this.references = references;
    }

    void onSynced(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionSynced synced) {
        background.execute(() -> compute(synced));
    }

    private void compute(VersionSynced synced) {
        try {
            catalog.version(synced.assignmentId(), synced.version()).ifPresent(v -> CheckRun.prepare(
                    new GradingContext(v, Optional.empty(), List.of(), references), kinds.stream().toList(), null));
        } catch (RuntimeException e) { // the first hand-in computes what is missing
            LOG.warnf(e, "reference figures of %s v%d were not computed after the sync", synced.assignmentId(),
                    synced.version());
        }
    }

    /**
     * Waits until every computation queued before the call has ended; false when that took longer
     * than {@code within}. The spike benchmark starts its spike after this, as a deadline finds a
     * server whose versions were synced (and their figures stored) well before.
     */
    public boolean awaitComputed(Duration within) throws InterruptedException {
        try {
            background.submit(() -> { }).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}

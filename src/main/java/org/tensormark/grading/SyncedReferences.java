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
import org.tensormark.course.AssignmentView;
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
            catalog.version(synced.assignmentId(), synced.version()).ifPresent(this::prepare);
        } catch (RuntimeException e) { // the first hand-in computes what is missing
            LOG.warnf(e, "reference figures of %s v%d were not computed after the sync", synced.assignmentId(),
                    synced.version());
        }
    }

    /**
     * Reads the stored reference figures of the current versions of the {@code limit} released
     * assignments due last into this process's memory, computing any that are missing; returns how
     * many versions. The worker's warm-up does this, so that after a restart the first hand-in of
     * each does not wait for a read of every figure of its version (A1: 97 ms against 13 for
     * scoring once they are in memory, README "Measuring").
     */
    int loadReleased(int limit) {
        List<AssignmentView> versions = catalog.releasedDueLast(limit);
        load(versions);
        return versions.size();
    }

    /** Reads the stored reference figures of {@code versions} into memory, computing any that are missing. */
    void load(List<AssignmentView> versions) {
        versions.forEach(this::prepare);
    }

    /** Preparing a version's checks asks the store for every reference figure they compare with. */
    private void prepare(AssignmentView version) {
        CheckRun.prepare(new GradingContext(version, Optional.empty(), List.of(), references), kinds.stream().toList(),
                null);
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

package org.tensormark.project;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes resumable uploads nobody finished or handed in within their expiry. */
@ApplicationScoped
class UploadJanitor {

    private static final Logger LOG = Logger.getLogger(UploadJanitor.class);

    private final PartialUploads uploads;

    UploadJanitor(PartialUploads uploads) {
        this.uploads = uploads;
    }

    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int removed = uploads.sweep(Instant.now());
        if (removed > 0) {
            LOG.infof("removed %d expired uploads", removed);
        }
    }
}

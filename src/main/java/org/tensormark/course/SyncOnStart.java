package org.tensormark.course;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Runs the sync when the platform starts. In {@code sync-assignments} mode (system property
 * {@code tensormark.mode}) it syncs, prints the summary and exits (status 1 with the file/line/field
 * message when a file is malformed). Otherwise it syncs unless {@code tensormark.sync.on-start=false};
 * a malformed file then stops start-up with its message. A missing directory is only a warning on
 * start-up, so a server can run without course files.
 */
@ApplicationScoped
class SyncOnStart {

    private static final Logger LOG = Logger.getLogger(SyncOnStart.class);

    private final AssignmentSync sync;
    private final CourseConfig config;
    private final CourseConfig.Sync when;

    SyncOnStart(AssignmentSync sync, CourseConfig config, CourseConfig.Sync when) {
        this.sync = sync;
        this.config = config;
        this.when = when;
    }

    void onStart(@Observes StartupEvent event) {
        Path dir = Path.of(config.dir());
        if ("sync-assignments".equals(System.getProperty("tensormark.mode"))) {
            syncAndExit(dir);
            return;
        }
        if (!when.onStart()) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            LOG.warnf("assignments directory %s does not exist; no course content synced", dir.toAbsolutePath());
            return;
        }
        LOG.info(sync.sync(dir).summary());
    }

    private void syncAndExit(Path dir) {
        try {
            System.out.println(sync.sync(dir).summary());
            Quarkus.asyncExit(0);
        } catch (AssignmentFormatException e) {
            System.err.println(e.getMessage());
            Quarkus.asyncExit(1);
        }
    }
}

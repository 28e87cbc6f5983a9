package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where this worker makes its job directories (and sweeps those a dead worker left):
 * {@code tensormark.worker.jobs-dir}, a relative value taken under the data directory
 * ({@code tensormark.data-dir}), by default {@code <data-dir>/jobs}. Never relative to the
 * directory a server was started in, where two servers from one checkout, each with its own
 * data directory, swept each other's jobs.
 */
@ApplicationScoped
class JobsRoot {

    private static final Logger LOG = Logger.getLogger(JobsRoot.class);

    private final Path path;

    JobsRoot(WorkerConfig config, @ConfigProperty(name = "tensormark.data-dir", defaultValue = "data") String dataDir) {
        this.path = resolve(Path.of(dataDir), config.jobsDir());
        LOG.infof("job directories are made under %s", path);
    }

    /** The absolute jobs directory for a data directory and the configured value, if any. */
    static Path resolve(Path dataDir, Optional<String> configured) {
        Path data = dataDir.toAbsolutePath();
        return data.resolve(configured.orElse("jobs")).normalize();
    }

    Path path() {
        return path;
    }
}

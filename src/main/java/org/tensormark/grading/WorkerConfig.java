package org.tensormark.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The worker of this process. */
@ConfigMapping(prefix = "tensormark.worker")
public interface WorkerConfig {

    /** Jobs this process runs at once on the CPU; 0 makes it a server without a worker. */
    @WithDefault("1")
    int slots();

    /** A name for this worker in leases and provenance; default: host name and process id. */
    Optional<String> name();

    /** How often an idle worker looks for a job. */
    @WithDefault("PT1S")
    java.time.Duration poll();
}

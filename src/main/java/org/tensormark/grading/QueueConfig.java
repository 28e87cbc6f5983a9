package org.tensormark.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How workers lease and retry grading jobs. */
@ConfigMapping(prefix = "tensormark.queue")
public interface QueueConfig {

    /** How long a claimed job stays leased without a heartbeat before another worker may take it. */
    @WithDefault("PT60S")
    Duration lease();

    /** How often a worker renews the leases of the jobs it runs. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** First retry delay after a platform failure; doubled for each further attempt. */
    @WithDefault("PT5S")
    Duration retryBackoff();

    /**
     * How long a job with cuda checks waits for a worker with a GPU before a worker without one
     * runs it on the CPU in the course image ({@link org.tensormark.course.CheckDevice}).
     */
    @WithDefault("PT10M")
    Duration gpuWait();

    /**
     * How long a finished job's row (done, failed, cancelled) is kept before the retention sweep
     * may delete it; rows a result or a kept run refers to, and each hand-in's newest job, are
     * never deleted. Default 30 days; {@code P0D} turns the sweep off.
     */
    @WithDefault("P30D")
    Duration keepFinished();
}

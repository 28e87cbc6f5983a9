package org.tensormark.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/** The worker of this process. */
@ConfigMapping(prefix = "tensormark.worker")
public interface WorkerConfig {

    /**
     * Jobs this process runs at once on the CPU; 0 makes it a server without a worker. Default: what
     * the host or its cgroup allows ({@link CpuAllowance#defaultSlots()}: one per CPU, less one in eight).
     */
    OptionalInt slots();

    /**
     * Whether an idle worker also listens for PostgreSQL notifications of new jobs, so that it
     * starts one at once instead of at its next poll; the poll stays as the fallback.
     */
    @WithDefault("true")
    boolean wakeOnNotify();

    /** A name for this worker in leases and provenance; default: host name and process id. */
    Optional<String> name();

    /**
     * Where job directories are made; never inside anything a job may see. A relative path is
     * taken under the data directory ({@code tensormark.data-dir}), never the current directory;
     * default {@code jobs} there. See {@link JobsRoot}.
     */
    Optional<String> jobsDir();

    /** The harness folder when none is configured. */
    String DEFAULT_HARNESS = "graders/python";

    /** The Python harness folder bound read-only into every sandbox. */
    @WithDefault(DEFAULT_HARNESS)
    String harness();

    /** Wall-clock limit of a sandboxed job whose assignment declares none ({@code limits.wall}). */
    @WithDefault("PT120S")
    java.time.Duration wallLimit();

    /** How often an idle worker looks for a job. */
    @WithDefault("PT1S")
    java.time.Duration poll();

    /**
     * How long a stopping worker (SIGTERM) lets its running jobs finish before it stops them and
     * hands them back to the queue; keep it below the grace period the process gets (Kubernetes:
     * terminationGracePeriodSeconds).
     */
    @WithDefault("PT20S")
    java.time.Duration shutdownGrace();

    /**
     * The server a worker on another machine gets hand-in files from and hands its runs' files to
     * ({@code http://tensormark:8080}), over the internal worker endpoint with {@link #credential()}.
     * Unset (the default), the worker shares the server's blob directory ({@code tensormark.storage.blobs}),
     * as on one machine; set, {@code tensormark.storage.blobs} is only this worker's local cache.
     */
    Optional<java.net.URI> serverUrl();

    /**
     * The secret that workers present to the server's internal worker endpoint; the same value on
     * the server and on every worker. Unset on the server, that endpoint answers 404 to everyone.
     * Never a user's token: it is compared with this setting only.
     */
    Optional<String> credential();

    /**
     * Whether a starting worker grades the built-in {@link SelfCheck} beside its first jobs and then
     * reads the released assignments' reference figures into memory, so the first hand-in after a
     * start finds the sandbox, the image, the scoring and its figures warm. Off in tests, whose
     * leftover checks would see its sandbox and whose counts of computed figures would see it.
     */
    @WithDefault("true")
    boolean selfCheck();
}

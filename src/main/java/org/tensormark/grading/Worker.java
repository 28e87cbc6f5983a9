package org.tensormark.grading;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A worker: slot threads that claim jobs from PostgreSQL and run them, and a heartbeat that keeps
 * their leases. A worker that dies stops renewing; its jobs are re-leased by any other worker.
 */
@ApplicationScoped
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final JobClaims claims;
    private final JobRunner runner;
    private final QueueMetrics metrics;
    private final WorkerConfig config;
    private final JobsRoot jobsRoot;
    private final QueueConfig queue;
    private final String mode;
    private final String id;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> slots = new ArrayList<>();
    private ScheduledExecutorService heartbeat;

    Worker(JobClaims claims, JobRunner runner, QueueMetrics metrics, WorkerConfig config, JobsRoot jobsRoot,
            QueueConfig queue, @ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode) {
        this.claims = claims;
        this.runner = runner;
        this.metrics = metrics;
        this.config = config;
        this.jobsRoot = jobsRoot;
        this.queue = queue;
        this.mode = mode;
        this.id = config.name().orElse(ManagementFactory.getRuntimeMXBean().getName());
    }

    void onStart(@Observes StartupEvent event) {
        if (("serve".equals(mode) || "worker".equals(mode)) && config.slots() > 0) {
            start(config.slots());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public String id() {
        return id;
    }

    /** Starts {@code n} slot threads; the tests start workers this way. */
    public synchronized void start(int n) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int stale = org.tensormark.sandbox.JobDirectory.sweepStale(jobsRoot.path());
            if (stale > 0) {
                LOG.infof("removed %d job directories left by a worker that stopped mid-job", stale);
            }
        } catch (java.io.IOException e) {
            LOG.warnf("could not clean up old job directories: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tensormark-heartbeat"));
        long every = queue.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < n; i++) {
            Thread t = daemon(this::loop, "tensormark-worker-" + i);
            slots.add(t);
            t.start();
        }
        LOG.infof("worker %s started with %d slot(s)", id, n);
    }

    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        heartbeat.shutdownNow();
        slots.forEach(Thread::interrupt);
        for (Thread t : slots) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        slots.clear();
    }

    private void loop() {
        while (running.get()) {
            try {
                Optional<JobClaims.Claim> claim = claims.claim(id);
                if (claim.isPresent()) {
                    runOne(claim.get());
                } else {
                    Thread.sleep(config.poll().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("worker loop error; retrying shortly", e);
                sleepQuietly();
            }
        }
    }

    private void runOne(JobClaims.Claim claim) {
        Instant started = Instant.now();
        metrics.recordWait(claim.waited());
        try {
            runner.run(claim, id);
        } catch (PlatformFailure e) {
            LOG.warnf("job %d: platform failure (attempt %d): %s", claim.jobId(), claim.attempt(), e.getMessage());
            claims.platformFailure(claim.jobId(), id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %d: unexpected error, treated as a platform failure", claim.jobId());
            claims.platformFailure(claim.jobId(), id, "internal error: " + e);
        }
        metrics.recordRun(Duration.between(started, Instant.now()));
    }

    private void beat() {
        try {
            claims.heartbeat(id);
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed", e);
        }
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        int released = claims.releaseExpiredLeases();
        if (released > 0) {
            LOG.infof("released %d job(s) whose worker stopped answering", released);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

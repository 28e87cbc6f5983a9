package org.tensormark.grading;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Queue depth, the oldest wait, and job wait and run times, exported for Prometheus (and KEDA). */
@ApplicationScoped
public class QueueMetrics {

    private final MeterRegistry registry;
    private final JobClaims claims;
    private final AtomicReference<JobClaims.QueueState> last =
            new AtomicReference<>(new JobClaims.QueueState(0, 0, Duration.ZERO));
    private final Timer waitTimer;
    private final Timer runTimer;

    QueueMetrics(MeterRegistry registry, JobClaims claims) {
        this.registry = registry;
        this.claims = claims;
        this.waitTimer = Timer.builder("tensormark.job.wait").description("time from enqueue to claim").register(registry);
        this.runTimer = Timer.builder("tensormark.job.run").description("time from claim to recorded score").register(registry);
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("tensormark.queue.depth", last, s -> s.get().queued()).description("queued grading jobs")
                .register(registry);
        Gauge.builder("tensormark.queue.running", last, s -> s.get().running()).description("running grading jobs")
                .register(registry);
        Gauge.builder("tensormark.queue.oldest.wait.seconds", last, s -> s.get().oldestWait().toMillis() / 1000.0)
                .description("age of the oldest queued job").register(registry);
    }

    @io.quarkus.scheduler.Scheduled(every = "5s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        last.set(claims.state());
    }

    void recordWait(Duration wait) {
        waitTimer.record(wait);
    }

    void recordRun(Duration run) {
        runTimer.record(run);
    }
}

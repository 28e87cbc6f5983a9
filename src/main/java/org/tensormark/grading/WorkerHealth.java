package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of this process's grading worker: DOWN while any of its slot threads has died, naming
 * them, because such a worker holds its place in the deployment but grades nothing (a restart
 * brings the slots back). A process without a worker, or a stopped one, is UP.
 */
@Liveness
@ApplicationScoped
class WorkerHealth implements HealthCheck {

    static final String NAME = "grading worker";

    private final Worker worker;

    WorkerHealth(Worker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> dead = worker.deadSlots();
        return HealthCheckResponse.named(NAME).status(dead.isEmpty())
                .withData("worker", worker.id())
                .withData("slots", worker.slotCount())
                .withData("deadSlots", String.join(", ", dead))
                .build();
    }
}

package org.tensormark.grading;

import java.time.Duration;
import java.util.Optional;

/** Settings for workers a test builds itself: a name of their own, fast polling and heartbeats. */
final class WorkerSettings {

    private WorkerSettings() {
    }

    static WorkerConfig config(String name) {
        return config(name, Duration.ofMillis(200));
    }

    /** As {@link #config(String)}, letting running jobs finish for {@code shutdownGrace} when stopped. */
    static WorkerConfig config(String name, Duration shutdownGrace) {
        return new WorkerConfig() {
            @Override
            public int slots() {
                return 1;
            }

            @Override
            public Optional<String> name() {
                return Optional.of(name);
            }

            @Override
            public Optional<String> jobsDir() {
                return Optional.of(name + "-jobs");
            }

            @Override
            public String harness() {
                return "graders/python";
            }

            @Override
            public Duration wallLimit() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration poll() {
                return Duration.ofMillis(50);
            }

            @Override
            public Duration shutdownGrace() {
                return shutdownGrace;
            }
        };
    }

    /** Leases of a minute, renewed every {@code heartbeat}. */
    static QueueConfig queue(Duration heartbeat) {
        return new QueueConfig() {
            @Override
            public Duration lease() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration heartbeat() {
                return heartbeat;
            }

            @Override
            public Duration retryBackoff() {
                return Duration.ofSeconds(60);
            }
        };
    }
}

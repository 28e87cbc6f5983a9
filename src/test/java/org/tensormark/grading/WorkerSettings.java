package org.tensormark.grading;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings for workers a test builds itself: a name of their own, fast polling and heartbeats. */
final class WorkerSettings {

    private WorkerSettings() {
    }

    static WorkerConfig config(String name) {
        return config(name, 1);
    }

    /** A worker of {@code slots} slots. */
    static WorkerConfig config(String name, int slots) {
        return config(name, slots, Duration.ofMillis(50));
    }

    /** A worker of one slot letting running jobs finish for {@code shutdownGrace} when stopped. */
    static WorkerConfig config(String name, Duration shutdownGrace) {
        return config(name, 1, Duration.ofMillis(50), shutdownGrace);
    }

    /** A worker of {@code slots} slots that looks for a job every {@code poll} when idle. */
    static WorkerConfig config(String name, int slots, Duration poll) {
        return config(name, slots, poll, Duration.ofMillis(200));
    }

    /** A worker of {@code slots} slots that self-checks at start and looks for a job every {@code poll} when idle. */
    static WorkerConfig selfChecking(String name, int slots, Duration poll) {
        return config(name, slots, poll, Duration.ofMillis(200), true);
    }

    private static WorkerConfig config(String name, int slots, Duration poll, Duration shutdownGrace) {
        return config(name, slots, poll, shutdownGrace, false);
    }

    private static WorkerConfig config(String name, int slots, Duration poll, Duration shutdownGrace,
            boolean selfCheck) {
        return new WorkerConfig() {
            @Override
            public OptionalInt slots() {
                return OptionalInt.of(slots);
            }

            @Override
            public boolean wakeOnNotify() {
                return true;
            }

            @Override
            public boolean selfCheck() {
                return selfCheck;
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
                return poll;
            }

            @Override
            public Duration shutdownGrace() {
                return shutdownGrace;
            }

            @Override
            public Optional<java.net.URI> serverUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> credential() {
                return Optional.empty();
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

            @Override
            public Duration gpuWait() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration keepFinished() {
                return Duration.ofDays(30);
            }
        };
    }
}

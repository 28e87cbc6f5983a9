package org.tensormark.grading;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.tensormark.tensor.Tensor;

/**
 * Where reference figures live once computed: the DJL reference's outputs for a tensor check's
 * case and the reference model's accuracy for a train check, per assignment version, check and
 * item (a case and its seed). The worker keeps them in PostgreSQL ({@link DatabaseReferences}), so
 * a restart does not compute them again; {@code check-assignment} keeps them in memory
 * ({@link #inMemory}). Each value is computed at most once per store and key.
 */
interface ReferenceStore {

    /**
     * One reference figure.
     *
     * @param item       which of the check's figures: {@code case 0 seed 1}, {@code accuracy}
     * @param specSha256 the check's declaration, so a figure never outlives what it was computed from
     */
    record Key(String assignmentId, int version, String checkId, String item, String specSha256) {
    }

    /** The reference outputs for {@code key}, computed by {@code compute} if the store has none. */
    Map<String, Tensor> outputs(Key key, Supplier<Map<String, Tensor>> compute);

    /** The reference accuracy for {@code key}, computed by {@code compute} if the store has none. */
    double accuracy(Key key, DoubleSupplier compute);

    /** How many figures this store has computed since it was made (a restart starts at 0). */
    long computations();

    /** A store of this process only, for {@code check-assignment} and tests without a database. */
    static ReferenceStore inMemory() {
        return new InMemory();
    }

    /** The in-memory store. */
    final class InMemory implements ReferenceStore {

        private final Map<Key, Map<String, Tensor>> outputs = new ConcurrentHashMap<>();
        private final Map<Key, Double> accuracies = new ConcurrentHashMap<>();
        private final AtomicLong computed = new AtomicLong();

        @Override
        public Map<String, Tensor> outputs(Key key, Supplier<Map<String, Tensor>> compute) {
            return outputs.computeIfAbsent(key, k -> {
                computed.incrementAndGet();
                return compute.get();
            });
        }

        @Override
        public double accuracy(Key key, DoubleSupplier compute) {
            return accuracies.computeIfAbsent(key, k -> {
                computed.incrementAndGet();
                return compute.getAsDouble();
            });
        }

        @Override
        public long computations() {
            return computed.get();
        }
    }
}

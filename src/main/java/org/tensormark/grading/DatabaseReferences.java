package org.tensormark.grading;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

/**
 * The worker's {@link ReferenceStore}: figures live in table {@code reference_value} (outputs as
 * an .npz), with this process's copy in memory in front. A figure missing from both is computed
 * and inserted; two workers computing the same figure at once insert the same value, and the
 * first insert stands.
 */
@ApplicationScoped
class DatabaseReferences implements ReferenceStore {

    private static final NpzLimits LIMITS = new NpzLimits(256, 256L << 20, 256L << 20);

    private final EntityManager em;
    private final Map<Key, Map<String, Tensor>> outputs = new ConcurrentHashMap<>();
    private final Map<Key, Double> accuracies = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    DatabaseReferences(EntityManager em) {
        this.em = em;
    }

    @Override
    public Map<String, Tensor> outputs(Key key, Supplier<Map<String, Tensor>> compute) {
        return outputs.computeIfAbsent(key, k -> {
            List<?> stored = select(k, "arrays");
            if (!stored.isEmpty()) {
                return read((byte[]) stored.get(0));
            }
            computed.incrementAndGet();
            Map<String, Tensor> value = compute.get();
            insert(k, "arrays", write(value));
            return value;
        });
    }

    @Override
    public double accuracy(Key key, DoubleSupplier compute) {
        return accuracies.computeIfAbsent(key, k -> {
            List<?> stored = select(k, "accuracy");
            if (!stored.isEmpty()) {
                return ((Number) stored.get(0)).doubleValue();
            }
            computed.incrementAndGet();
            double value = compute.getAsDouble();
            insert(k, "accuracy", value);
            return value;
        });
    }

    @Override
    public long computations() {
        return computed.get();
    }

    private List<?> select(Key k, String column) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select " + column
                        + " from reference_value where assignment_id = ?1 and version = ?2 and check_id = ?3"
                        + " and item = ?4 and spec_sha256 = ?5 and " + column + " is not null")
                .setParameter(1, k.assignmentId()).setParameter(2, k.version()).setParameter(3, k.checkId())
                .setParameter(4, k.item()).setParameter(5, k.specSha256()).getResultList());
    }

    private void insert(Key k, String column, Object value) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into reference_value (assignment_id,"
                        + " version, check_id, item, spec_sha256, " + column + ") values (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " on conflict do nothing")
                .setParameter(1, k.assignmentId()).setParameter(2, k.version()).setParameter(3, k.checkId())
                .setParameter(4, k.item()).setParameter(5, k.specSha256()).setParameter(6, value).executeUpdate());
    }

    private static byte[] write(Map<String, Tensor> arrays) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npz.write(out, arrays);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Tensor> read(byte[] npz) {
        try {
            return Npz.read("reference", new ByteArrayInputStream(npz), LIMITS);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored reference value cannot be read", e);
        }
    }
}

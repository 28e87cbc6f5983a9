package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.tensormark.image.ImageStore;

/**
 * The record of live workers the dashboard reads to say why a job waits: one row of
 * {@code worker_presence} per worker with the grading images its host holds (name and digest) and
 * its devices. A worker joins when it starts, its row is refreshed with the worker's own heartbeat,
 * and it leaves when it stops. A row not refreshed within the queue's lease belongs to a worker that
 * died: it no longer counts, and the next refresh of any worker deletes it.
 */
@ApplicationScoped
public class WorkerPresence {

    private static final Logger LOG = Logger.getLogger(WorkerPresence.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<WorkerAdvert.HeldImage>> IMAGES = new TypeReference<>() { };

    /** Records nothing: the presence of a worker built by hand outside CDI (tests give it its parts). */
    static final WorkerPresence UNRECORDED = new WorkerPresence(null, null, null) {
        @Override
        void refresh(String workerId, int slots) {
        }

        @Override
        void leave(String workerId) {
        }
    };

    private final EntityManager em;
    private final QueueConfig queue;
    private final GpuPool gpus;

    WorkerPresence(EntityManager em, QueueConfig queue, GpuPool gpus) {
        this.em = em;
        this.queue = queue;
        this.gpus = gpus;
    }

    /**
     * Deletes the worker's record, so that the reasons of the jobs only it could run show at once;
     * a record that cannot be deleted now expires after the lease. Never throws: the stopping
     * worker still has its jobs to hand back.
     */
    void leave(String workerId) {
        try {
            forget(workerId);
        } catch (RuntimeException e) {
            LOG.warnf("could not delete worker %s's record (it expires after the lease): %s", workerId, e.getMessage());
        }
    }

    /**
     * Records the worker with the images its host holds now; called when it starts and on each of
     * its heartbeats. Never throws: a failed refresh must not stop the heartbeat.
     */
    void refresh(String workerId, int slots) {
        try {
            record(new WorkerAdvert(workerId, heldHere(), gpus.size() > 0 ? List.of("cpu", WorkerAdvert.CUDA)
                    : List.of("cpu"), slots, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("could not record worker %s's images: %s", workerId, e.getMessage());
        }
    }

    /** The images of this host's store, by name and digest. */
    static List<WorkerAdvert.HeldImage> heldHere() {
        try {
            return ImageStore.local().list().stream()
                    .map(i -> new WorkerAdvert.HeldImage(i.manifest().name(), i.manifest().digest())).toList();
        } catch (IOException e) {
            LOG.warnf("could not list the grading images of this host: %s", e.getMessage());
            return List.of();
        }
    }

    /** Writes (or refreshes) a worker's record, and deletes the records of workers that died. */
    @Transactional
    public void record(WorkerAdvert advert) {
        em.createNativeQuery("""
                insert into worker_presence (worker_id, images, devices, slots)
                values (?1, cast(?2 as jsonb), string_to_array(?3, ','), ?4)
                on conflict (worker_id) do update set images = excluded.images, devices = excluded.devices,
                    slots = excluded.slots, seen_at = now()""")
                .setParameter(1, advert.workerId()).setParameter(2, json(advert.images()))
                .setParameter(3, String.join(",", advert.devices())).setParameter(4, advert.slots()).executeUpdate();
        em.createNativeQuery("delete from worker_presence where seen_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) queue.lease().toSeconds()).executeUpdate();
    }

    /** Deletes a worker's record. */
    @Transactional
    public void forget(String workerId) {
        em.createNativeQuery("delete from worker_presence where worker_id = ?1").setParameter(1, workerId).executeUpdate();
    }

    /** The workers that refreshed their record within the lease, by id. */
    @Transactional
    public List<WorkerAdvert> live() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select worker_id, cast(images as text), array_to_string(devices, ','), slots,
                       extract(epoch from seen_at)
                from worker_presence where seen_at >= now() - make_interval(secs => ?1) order by worker_id""")
                .setParameter(1, (double) queue.lease().toSeconds()).getResultList();
        return rows.stream().map(r -> new WorkerAdvert((String) r[0], images((String) r[1]),
                List.of(((String) r[2]).split(",")), ((Number) r[3]).intValue(),
                Instant.ofEpochMilli((long) (((Number) r[4]).doubleValue() * 1000)))).toList();
    }

    private static String json(List<WorkerAdvert.HeldImage> images) {
        try {
            return JSON.writeValueAsString(images);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<WorkerAdvert.HeldImage> images(String json) {
        try {
            return JSON.readValue(json, IMAGES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.image.ImageStore;

/**
 * The queued jobs no live worker can run, and why ({@link ImageWait}), read against the workers'
 * presence records: for the dashboard's queue view and a student's result page.
 */
@ApplicationScoped
public class ImageWaits {

    /** The queued jobs matching ?3 with what they need; mirrors {@link JobClaims#CLAIM}. */
    private static final String QUEUED = """
            select coalesce(v.spec->>'image', ?1),
                   exists (select 1 from jsonb_array_elements(coalesce(v.spec->'checks', '[]')) c
                           where c->'params'->>'device' = 'cuda'),
                   j.enqueued_at <= now() - make_interval(secs => ?2)
            from grading_job j join submission s on s.id = j.submission_id
            left join assignment_version v on v.assignment_id = s.assignment_id and v.version = s.assignment_version
            where j.state = 'queued' and\s""";

    private final EntityManager em;
    private final WorkerPresence presence;
    private final QueueConfig queue;

    ImageWaits(EntityManager em, WorkerPresence presence, QueueConfig queue) {
        this.em = em;
        this.presence = presence;
        this.queue = queue;
    }

    /** The reasons the assignment's queued jobs wait, one per image and device with how many jobs. */
    @Transactional
    public List<ImageWait> ofAssignment(String assignmentId) {
        Map<String, ImageWait> byReason = new LinkedHashMap<>();
        for (ImageWait wait : unmet(needs("s.assignment_id = ?3", assignmentId))) {
            byReason.merge(wait.reason(), wait, ImageWait::plus);
        }
        return List.copyOf(byReason.values());
    }

    /** Why this job waits, when it is queued and no live worker can run it. */
    @Transactional
    public Optional<ImageWait> ofJob(long jobId) {
        return unmet(needs("j.id = ?3", jobId)).stream().findFirst();
    }

    private List<ImageWait> unmet(List<ImageWait.Need> needs) {
        if (needs.isEmpty()) {
            return List.of();
        }
        List<WorkerAdvert> live = presence.live();
        List<ImageWait> waits = new ArrayList<>();
        for (ImageWait.Need need : needs) {
            need.unmetBy(live, queue.gpuWait(), ImageWaits::digestHere).ifPresent(waits::add);
        }
        return waits;
    }

    private List<ImageWait.Need> needs(String condition, Object key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(QUEUED + condition)
                .setParameter(1, ImageStore.COURSE_IMAGE).setParameter(2, (double) queue.gpuWait().toSeconds())
                .setParameter(3, key).getResultList();
        return rows.stream().map(r -> new ImageWait.Need((String) r[0], (Boolean) r[1], (Boolean) r[2])).toList();
    }

    private static Optional<String> digestHere(String image) {
        try {
            return ImageStore.local().find(image).map(i -> i.manifest().digest());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

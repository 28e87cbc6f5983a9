package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentChanged;
import org.tensormark.course.AssignmentView;

/**
 * Previews what a new assignment version makes of every scored hand-in, before any student sees a
 * change: a shadow regrade scores each hand-in's kept runs against the new version
 * ({@link StoredScoring}) and keeps per hand-in the old and the new score. When only scoring
 * changed, every entry is written here without a sandbox ({@link ShadowEntries}) and the regrade
 * is ready at once; when the plan changed, the worker runs the changed calls of each hand-in
 * ({@link ShadowReruns}) and the last of its jobs makes the regrade ready. {@link RegradePublisher}
 * then publishes or discards it.
 */
@ApplicationScoped
class ShadowRegrades {

    private static final Logger LOG = Logger.getLogger(ShadowRegrades.class);

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final StoredScoring scoring;
    private final ShadowEntries entries;
    private final ShadowReruns reruns;
    private final ObjectMapper json;

    ShadowRegrades(EntityManager em, AssignmentCatalog catalog, StoredScoring scoring, ShadowEntries entries,
            ShadowReruns reruns, ObjectMapper json) {
        this.em = em;
        this.catalog = catalog;
        this.scoring = scoring;
        this.entries = entries;
        this.reruns = reruns;
        this.json = json;
    }

    /** A synced new version: computed once the sync has committed, so a failed sync previews nothing. */
    void onAssignmentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AssignmentChanged change) {
        compute(change.assignmentId(), change.fromVersion(), change.toVersion());
    }

    /**
     * Computes a shadow regrade of every hand-in scored against an older version; empty when there
     * is none. It is ready on return unless hand-ins wait for the worker to run changed calls.
     */
    Optional<Long> compute(String assignmentId, int fromVersion, int toVersion) {
        List<KeptHandins.Target> targets = QuarkusTransaction.requiringNew().call(() -> targets(assignmentId, toVersion));
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        AssignmentView before = catalog.version(assignmentId, fromVersion).orElseThrow();
        AssignmentView after = catalog.version(assignmentId, toVersion).orElseThrow();
        List<String> changes = VersionChanges.between(before, after);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                insert into shadow_regrade (assignment_id, from_version, to_version, state, changes)
                values (?1, ?2, ?3, 'computing', cast(?4 as jsonb)) returning id""")
                .setParameter(1, assignmentId).setParameter(2, fromVersion).setParameter(3, toVersion)
                .setParameter(4, text(changes)).getSingleResult()).longValue());
        try {
            int queued = entries.write(id, targets, scoring.prepare(after));
            LOG.debugf("shadow regrade %d: %d hand-in(s) wait for the worker to rerun changed calls", id, queued);
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("select 1 from shadow_regrade where id = ?1 for update").setParameter(1, id)
                        .getSingleResult();
                reruns.readyIfDone(id);
            });
        } catch (Exception e) {
            LOG.errorf(e, "shadow regrade %d of %s v%d failed", id, assignmentId, toVersion);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update shadow_regrade set state = 'failed',"
                    + " error = ?2 where id = ?1").setParameter(1, id).setParameter(2, String.valueOf(e.getMessage()))
                    .executeUpdate());
        }
        return Optional.of(id);
    }

    /** Per scored hand-in of the assignment whose latest result is of an older version: id, result, final points. */
    private List<KeptHandins.Target> targets(String assignmentId, int toVersion) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select submission_id, id, final_points from (
                    select distinct on (r.submission_id) r.submission_id, r.id, r.final_points, r.assignment_version
                    from grading_result r join submission s on s.id = r.submission_id
                    where s.assignment_id = ?1
                    order by r.submission_id, r.id desc) latest
                where assignment_version < ?2""")
                .setParameter(1, assignmentId).setParameter(2, toVersion).getResultList();
        return rows.stream().map(r -> new KeptHandins.Target((UUID) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).doubleValue())).toList();
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shadow regrade is not serialisable", e);
        }
    }
}

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
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentChanged;
import org.tensormark.course.AssignmentView;

/**
 * Previews what a new assignment version makes of every scored hand-in, before any student sees a
 * change: a shadow regrade scores each hand-in's kept runs against the new version
 * ({@link StoredScoring}: no sandbox when only scoring changed, only the changed calls when the
 * plan did) and keeps per hand-in the old and the new score. {@link RegradePublisher} then
 * publishes or discards it.
 */
@ApplicationScoped
class ShadowRegrades {

    private static final Logger LOG = Logger.getLogger(ShadowRegrades.class);

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final StoredScoring scoring;
    private final ObjectMapper json;
    private final Rescorer rescorer;

    ShadowRegrades(EntityManager em, AssignmentCatalog catalog, StoredScoring scoring, ObjectMapper json,
            Rescorer rescorer) {
        this.rescorer = rescorer;
        this.em = em;
        this.catalog = catalog;
        this.scoring = scoring;
        this.json = json;
    }

    /** A synced new version: computed once the sync has committed, so a failed sync previews nothing. */
    void onAssignmentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AssignmentChanged change) {
        compute(change.assignmentId(), change.fromVersion(), change.toVersion());
    }

    /** Computes a shadow regrade of every hand-in scored against an older version; empty when there is none. */
    Optional<Long> compute(String assignmentId, int fromVersion, int toVersion) {
        List<Object[]> targets = QuarkusTransaction.requiringNew().call(() -> targets(assignmentId, toVersion));
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
            StoredScoring.Version version = scoring.prepare(after);
            int calls = 0;
            int sandboxRuns = 0;
            for (Object[] t : targets) {
                StoredScoring.Rescored r = scoring.rescore((UUID) t[0], ((Number) t[1]).longValue(), version);
                calls += r.callsRerun();
                sandboxRuns += r.sandboxRuns();
                QuarkusTransaction.requiringNew().run(() -> insertEntry(id, ((Number) t[1]).longValue(),
                        ((Number) t[2]).doubleValue(), r));
            }
            int rerun = calls;
            int ran = sandboxRuns;
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update shadow_regrade set state = 'ready',"
                    + " calls_rerun = ?2, sandbox_runs = ?3 where id = ?1").setParameter(1, id).setParameter(2, rerun)
                    .setParameter(3, ran).executeUpdate());
        } catch (Exception e) {
            LOG.errorf(e, "shadow regrade %d of %s v%d failed", id, assignmentId, toVersion);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update shadow_regrade set state = 'failed',"
                    + " error = ?2 where id = ?1").setParameter(1, id).setParameter(2, String.valueOf(e.getMessage()))
                    .executeUpdate());
        }
        return Optional.of(id);
    }

    /** Per scored hand-in of the assignment whose latest result is of an older version: id, result, final points. */
    @SuppressWarnings("unchecked")
    private List<Object[]> targets(String assignmentId, int toVersion) {
        return em.createNativeQuery("""
                select submission_id, id, final_points from (
                    select distinct on (r.submission_id) r.submission_id, r.id, r.final_points, r.assignment_version
                    from grading_result r join submission s on s.id = r.submission_id
                    where s.assignment_id = ?1
                    order by r.submission_id, r.id desc) latest
                where assignment_version < ?2""")
                .setParameter(1, assignmentId).setParameter(2, toVersion).getResultList();
    }

    private void insertEntry(long regrade, long oldResult, double oldPoints, StoredScoring.Rescored r) {
        em.createNativeQuery("""
                insert into shadow_regrade_entry (regrade_id, submission_id, old_result_id, old_points, new_points,
                    outcome, score, run_ids)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), cast(?8 as bigint[]))""")
                .setParameter(1, regrade).setParameter(2, r.submissionId()).setParameter(3, oldResult)
                .setParameter(4, oldPoints).setParameter(5, rescorer.projectedFinal(oldResult, r.score()))
                .setParameter(6, r.outcome()).setParameter(7, text(r.score()))
                .setParameter(8, r.runIds().stream().map(String::valueOf)
                        .collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shadow regrade is not serialisable", e);
        }
    }
}

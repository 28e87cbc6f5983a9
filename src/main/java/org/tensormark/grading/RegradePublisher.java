package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.problem.Problem;

/**
 * Publishes a shadow regrade (every hand-in gets a new result: the new version's score of the
 * runs it names, people's grades kept, the student told when and why) or discards it; both once,
 * both audited. Only a regrade to the assignment's current version may be published.
 */
@ApplicationScoped
class RegradePublisher {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final EntityManager em;
    private final ResultRecorder recorder;
    private final Rescorer rescorer;
    private final AuditTrail audit;
    private final AssignmentCatalog catalog;
    private final ObjectMapper json;

    RegradePublisher(EntityManager em, ResultRecorder recorder, Rescorer rescorer, AuditTrail audit,
            AssignmentCatalog catalog, ObjectMapper json) {
        this.em = em;
        this.recorder = recorder;
        this.rescorer = rescorer;
        this.audit = audit;
        this.catalog = catalog;
        this.json = json;
    }

    /** Publishes; returns how many scores it replaced. */
    @Transactional
    int publish(String assignmentId, long regradeId, long actorId) {
        Object[] r = lockReady(assignmentId, regradeId);
        int toVersion = ((Number) r[1]).intValue();
        int current = catalog.current(assignmentId).orElseThrow().version();
        if (toVersion != current) {
            throw Problem.conflict("This regrade previews version " + toVersion + ", but version " + current
                    + " is current now; publish the regrade of version " + current + " instead.");
        }
        ZoneId zone = catalog.version(assignmentId, toVersion).orElseThrow().zone();
        String sentence = "Rescored on " + DAY.format(Instant.now().atZone(zone))
                + " after the instructor changed the assignment: " + String.join("; ", changes((String) r[2])) + ".";
        @SuppressWarnings("unchecked")
        List<Object[]> entries = em.createNativeQuery("select submission_id, outcome, cast(score as text),"
                + " cast(run_ids as text) from shadow_regrade_entry where regrade_id = ?1").setParameter(1, regradeId)
                .getResultList();
        for (Object[] e : entries) {
            republish((UUID) e[0], (String) e[1], score((String) e[2]), ids((String) e[3]), toVersion, regradeId,
                    sentence, actorId);
        }
        decide(regradeId, "published", actorId);
        audit.record(actorId, "regrade.publish", "assignment", assignmentId, null,
                Map.of("regrade", regradeId, "version", toVersion, "handins", entries.size()));
        return entries.size();
    }

    @Transactional
    void discard(String assignmentId, long regradeId, long actorId) {
        lockReady(assignmentId, regradeId);
        decide(regradeId, "discarded", actorId);
        audit.record(actorId, "regrade.discard", "assignment", assignmentId, null, Map.of("regrade", regradeId));
    }

    private void republish(UUID submissionId, String outcome, ScoreBreakdown score, List<Long> runIds, int version,
            long regradeId, String sentence, long actorId) {
        long previous = rescorer.latest(submissionId).orElseThrow();
        Object[] before = (Object[]) em.createNativeQuery("select raw_points, final_points from grading_result"
                + " where id = ?1").setParameter(1, previous).getSingleResult();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("rescoreOf", previous);
        provenance.put("shadowRegrade", regradeId);
        provenance.put("assignmentVersion", version);
        provenance.put("runs", runIds);
        long id = recorder.insertResult(null, submissionId, version, outcome, score, provenance, runIds);
        em.createNativeQuery("update grading_result set rescore_of = ?2, rescore_reason = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, previous).setParameter(3, sentence).executeUpdate();
        rescorer.keepPeoplesGrades(previous, id);
        Rescorer.Totals totals = rescorer.settle(id, score.latePenaltyPercent(), score.lateSentence());
        audit.record(actorId, "submission.rescore", "submission", submissionId.toString(),
                Map.of("raw", before[0], "final", before[1]),
                Map.of("raw", totals.raw(), "final", totals.finalPoints(), "why", sentence));
    }

    private Object[] lockReady(String assignmentId, long regradeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select state, to_version, cast(changes as text) from shadow_regrade"
                + " where id = ?1 and assignment_id = ?2 for update").setParameter(1, regradeId)
                .setParameter(2, assignmentId).getResultList();
        if (rows.isEmpty()) {
            throw Problem.notFound("Assignment '" + assignmentId + "' has no regrade " + regradeId + ".");
        }
        if (!"ready".equals(rows.get(0)[0])) {
            throw Problem.conflict("This regrade is " + rows.get(0)[0] + "; only a ready one can be published or discarded.");
        }
        return rows.get(0);
    }

    private void decide(long regradeId, String state, long actorId) {
        em.createNativeQuery("update shadow_regrade set state = ?2, decided_at = now(), decided_by = ?3 where id = ?1")
                .setParameter(1, regradeId).setParameter(2, state).setParameter(3, actorId).executeUpdate();
    }

    List<String> changes(String stored) {
        try {
            return List.of(json.readValue(stored, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shadow_regrade.changes is not a list of sentences", e);
        }
    }

    private ScoreBreakdown score(String stored) {
        try {
            return json.readValue(stored, ScoreBreakdown.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shadow regrade's score is not a score breakdown", e);
        }
    }

    static List<Long> ids(String array) {
        String inner = array.substring(1, array.length() - 1);
        return inner.isEmpty() ? List.of() : Stream.of(inner.split(",")).map(Long::valueOf).toList();
    }
}

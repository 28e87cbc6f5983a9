package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A hand-in's result as one reader may see it. Staff see everything. A student sees every visible
 * check with its explanation; for hidden checks only whether they passed, until an instructor
 * releases them (and {@code after_due} checks until the due time) — hidden inputs never appear.
 * A student sees what their code printed in the visible checks' run only, never in the run of
 * hidden or after-due checks (it could print their inputs).
 */
@ApplicationScoped
class Feedback {

    private final EntityManager em;
    private final ObjectMapper json;
    private final JobClaims claims;
    private final ImageWaits waits;

    Feedback(EntityManager em, ObjectMapper json, JobClaims claims, ImageWaits waits) {
        this.em = em;
        this.json = json;
        this.claims = claims;
        this.waits = waits;
    }

    @Transactional
    ResultView of(UUID submissionId, String assignmentId, ZonedDateTime due, boolean staff) {
        Object[] job = latestJob(submissionId);
        @SuppressWarnings("unchecked")
        List<Object[]> results = em.createNativeQuery("select id, raw_points, max_points, late_penalty_percent,"
                        + " late_sentence, final_points, outcome, cast(provenance as text), created_at, override_reason,"
                        + " cast(run_ids as text), rescore_reason from grading_result"
                        + " where submission_id = ?1 order by id desc limit 1")
                .setParameter(1, submissionId).getResultList();
        Long position = job != null && "queued".equals(job[1])
                ? claims.position(((Number) job[0]).longValue()).orElse(null) : null;
        String lastError = job != null && staff ? (String) job[2] : null;
        String waitingFor = job == null || !"queued".equals(job[1]) ? null : waits.ofJob(((Number) job[0]).longValue())
                .map(w -> staff ? w.reason() : w.forStudent()).orElse(null);
        if (results.isEmpty()) {
            return ResultView.waiting(submissionId, job == null ? "none" : (String) job[1], position, lastError,
                    waitingFor);
        }
        Object[] r = results.get(0);
        boolean released = staff || isReleased(assignmentId);
        JsonNode provenance = parse((String) r[7]);
        return new ResultView(submissionId, "scored", position, lastError, ((Number) r[0]).longValue(),
                number(r[1]), number(r[2]), number(r[3]), (String) r[4], number(r[5]), (String) r[6], r[8].toString(),
                (String) r[9], staff ? provenance : null,
                checks(((Number) r[0]).longValue(), released, staff || Instant.now().isAfter(due.toInstant()), due),
                runs((String) r[10], staff), rescore(r), notices(provenance), waitingFor);
    }

    private List<ResultView.CheckView> checks(long resultId, boolean hiddenReleased, boolean afterDue,
            ZonedDateTime due) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select check_id, kind, visibility, points, max_points, status,"
                        + " summary, cast(details as text) from check_result where result_id = ?1 order by check_id")
                .setParameter(1, resultId).getResultList();
        List<ResultView.CheckView> checks = new ArrayList<>();
        for (Object[] c : rows) {
            boolean shown = "visible".equals(c[2]) || ("after_due".equals(c[2]) && afterDue)
                    || ("hidden".equals(c[2]) && hiddenReleased);
            if (shown) {
                checks.add(new ResultView.CheckView((String) c[0], (String) c[1], (String) c[2], (String) c[5],
                        number(c[3]), number(c[4]), (String) c[6], parse((String) c[7])));
            } else {
                checks.add(new ResultView.CheckView((String) c[0], (String) c[1], (String) c[2], (String) c[5], null,
                        number(c[4]), WithheldSummary.of((String) c[2], due), null));
            }
        }
        return checks;
    }

    /** The result's sandbox runs: all of them for staff, the visible checks' run only for a student. */
    private List<RunRecord> runs(String runIds, boolean staff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select run_group, verdict, verdict_text, exit_code, signal, wall_ms,"
                        + " cpu_ms, peak_memory_bytes, stdout, stderr from sandbox_run where id = any(cast(?1 as bigint[]))"
                        + (staff ? "" : " and run_group = 'visible'") + " order by id")
                .setParameter(1, runIds).getResultList();
        return rows.stream().map(r -> new RunRecord((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue(), ((Number) r[7]).longValue(), (String) r[8], (String) r[9])).toList();
    }

    /** The notices the harness gave about the hand-in itself (recorded in the provenance), for every reader; null when none. */
    private static List<String> notices(JsonNode provenance) {
        List<String> notices = new ArrayList<>();
        provenance.path("notices").forEach(n -> notices.add(n.asText()));
        return notices.isEmpty() ? null : notices;
    }

    /** The note of a result that a published shadow regrade made: when, and the sentence saying why. */
    private static ResultView.Rescore rescore(Object[] result) {
        return result[11] == null ? null : new ResultView.Rescore(result[8].toString(), (String) result[11]);
    }

    private Object[] latestJob(UUID submissionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, state, last_error from grading_job where submission_id = ?1"
                + " and purpose <> 'rerun' order by id desc limit 1").setParameter(1, submissionId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    boolean isReleased(String assignmentId) {
        return !em.createNativeQuery("select 1 from hidden_release where assignment_id = ?1")
                .setParameter(1, assignmentId).getResultList().isEmpty();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}

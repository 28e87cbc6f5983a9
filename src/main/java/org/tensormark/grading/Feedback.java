package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A hand-in's result as one reader may see it. Staff see everything. A student sees every visible
 * check with its explanation; for hidden checks only whether they passed, until an instructor
 * releases them (and {@code after_due} checks until the due time) — hidden inputs never appear.
 */
@ApplicationScoped
class Feedback {

    private final EntityManager em;
    private final ObjectMapper json;
    private final JobClaims claims;

    Feedback(EntityManager em, ObjectMapper json, JobClaims claims) {
        this.em = em;
        this.json = json;
        this.claims = claims;
    }

    @Transactional
    Map<String, Object> of(UUID submissionId, String assignmentId, ZonedDateTime due, boolean staff) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("submissionId", submissionId);
        Object[] job = latestJob(submissionId);
        out.put("status", job == null ? "none" : job[1]);
        if (job != null && "queued".equals(job[1])) {
            claims.position(((Number) job[0]).longValue()).ifPresent(p -> out.put("queuePosition", p));
        }
        if (job != null && staff && job[2] != null) {
            out.put("lastError", job[2]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> results = em.createNativeQuery("select id, raw_points, max_points, late_penalty_percent,"
                        + " late_sentence, final_points, outcome, cast(provenance as text), created_at, override_reason"
                        + " from grading_result where submission_id = ?1 order by id desc limit 1")
                .setParameter(1, submissionId).getResultList();
        if (results.isEmpty()) {
            return out;
        }
        Object[] r = results.get(0);
        out.put("status", "scored");
        out.put("rawPoints", r[1]);
        out.put("maxPoints", r[2]);
        out.put("latePenaltyPercent", r[3]);
        out.put("lateSentence", r[4]);
        out.put("finalPoints", r[5]);
        out.put("outcome", r[6]);
        out.put("scoredAt", r[8].toString());
        if (r[9] != null) {
            out.put("overrideReason", r[9]);
        }
        if (staff) {
            out.put("provenance", parse((String) r[7]));
        }
        boolean released = staff || isReleased(assignmentId);
        out.put("checks", checks(((Number) r[0]).longValue(), released, staff || Instant.now().isAfter(due.toInstant()),
                due));
        return out;
    }

    private List<Map<String, Object>> checks(long resultId, boolean hiddenReleased, boolean afterDue,
            ZonedDateTime due) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select check_id, kind, visibility, points, max_points, status,"
                        + " summary, cast(details as text) from check_result where result_id = ?1 order by check_id")
                .setParameter(1, resultId).getResultList();
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Object[] c : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c[0]);
            m.put("kind", c[1]);
            m.put("visibility", c[2]);
            m.put("status", c[5]);
            boolean shown = "visible".equals(c[2]) || ("after_due".equals(c[2]) && afterDue)
                    || ("hidden".equals(c[2]) && hiddenReleased);
            if (shown) {
                m.put("points", c[3]);
                m.put("maxPoints", c[4]);
                m.put("summary", c[6]);
                m.put("details", parse((String) c[7]));
            } else {
                m.put("maxPoints", c[4]);
                m.put("summary", WithheldSummary.of((String) c[2], due));
            }
            checks.add(m);
        }
        return checks;
    }

    private Object[] latestJob(UUID submissionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, state, last_error from grading_job where submission_id = ?1"
                + " order by id desc limit 1").setParameter(1, submissionId).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    boolean isReleased(String assignmentId) {
        return !em.createNativeQuery("select 1 from hidden_release where assignment_id = ?1")
                .setParameter(1, assignmentId).getResultList().isEmpty();
    }

    private Object parse(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}

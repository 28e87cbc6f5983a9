package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;
import org.tensormark.course.LatenessChanged;
import org.tensormark.problem.Problem;
import org.tensormark.submission.Submission;

/**
 * Changes a recorded score without running anything again: a TA's points for a manual check, an
 * instructor's override (with a required reason), or a new late penalty after an extension or a
 * late-token spend.
 * Raw points are the sum of the checks; the final score is raw × (1 − penalty %) unless overridden.
 */
@ApplicationScoped
public class Rescorer {

    private final EntityManager em;
    private final Deadlines deadlines;
    private final AuditTrail audit;

    Rescorer(EntityManager em, Deadlines deadlines, AuditTrail audit) {
        this.em = em;
        this.deadlines = deadlines;
        this.audit = audit;
    }

    /** Grades one manual check of the latest result. */
    @Transactional
    public void gradeManual(UUID submissionId, String checkId, double points, String comment, long actorId) {
        long result = latestResult(submissionId);
        Object[] check = checkRow(result, checkId);
        if (!"manual".equals(check[0])) {
            throw Problem.invalid("'" + checkId + "' is graded automatically; override the score instead.");
        }
        double max = ((Number) check[1]).doubleValue();
        if (points < 0 || points > max) {
            throw Problem.invalid("Points for '" + checkId + "' must be between 0 and " + max + ".");
        }
        em.createNativeQuery("update check_result set points = ?3, status = ?4, summary = ?5, graded_by = ?6,"
                        + " comment = ?7 where result_id = ?1 and check_id = ?2")
                .setParameter(1, result).setParameter(2, checkId).setParameter(3, points)
                .setParameter(4, points == max ? "passed" : points == 0 ? "failed" : "partial")
                .setParameter(5, "Graded by a TA: " + points + " of " + max + (comment == null ? "" : ". " + comment))
                .setParameter(6, actorId).setParameter(7, comment).executeUpdate();
        audit.record(actorId, "check.grade", "submission", submissionId.toString(), Map.of("check", checkId,
                "points", check[2]), Map.of("check", checkId, "points", points));
        recompute(submissionId, result, actorId, "manual grade");
    }

    /** Sets (or with null, clears) the final score by hand; a reason is required and audited. */
    @Transactional
    public void override(UUID submissionId, Double points, String reason, long actorId) {
        if (reason == null || reason.isBlank()) {
            throw Problem.invalid("An override needs a reason; it is kept in the audit log.");
        }
        long result = latestResult(submissionId);
        em.createNativeQuery("update grading_result set override_points = ?2, override_reason = ?3 where id = ?1")
                .setParameter(1, result).setParameter(2, points).setParameter(3, reason.strip()).executeUpdate();
        recompute(submissionId, result, actorId, "override: " + reason.strip());
    }

    /**
     * Rescores the late penalty of exactly the hand-ins an extension or a late-token spend
     * concerns (the student's own and their group's, or the group's), in the transaction that made
     * the change; each rescore is audited as "rescore caused by <actor>'s <action>".
     */
    void onLatenessChanged(@Observes LatenessChanged change) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select s.id from submission s
                where s.assignment_id = ?1
                  and (s.submitter_id = ?2 or s.team_id = ?3
                       or s.team_id in (select m.team_id from team_member m where m.user_id = ?2 and m.assignment_id = ?1))
                  and exists (select 1 from grading_result r where r.submission_id = s.id)""")
                .setParameter(1, change.assignmentId()).setParameter(2, change.userId() == null ? -1L : change.userId())
                .setParameter(3, change.teamId() == null ? -1L : change.teamId()).getResultList();
        String actor = (String) em.createNativeQuery("select username from app_user where id = ?1")
                .setParameter(1, change.actorId()).getSingleResult();
        for (UUID id : ids) {
            recompute(id, latestResult(id), change.actorId(), "rescore caused by " + actor + "'s " + change.action());
        }
    }

    private void recompute(UUID submissionId, long result, long actorId, String why) {
        Submission s = em.find(Submission.class, submissionId);
        Object[] before = (Object[]) em.createNativeQuery("select raw_points, late_penalty_percent, final_points,"
                + " assignment_version from grading_result where id = ?1").setParameter(1, result).getSingleResult();
        // The version the result was scored against: after a published regrade, a newer one than the hand-in's.
        int version = ((Number) before[3]).intValue();
        LateDecision late = deadlines.lateness(s.assignmentId, version, s.submitterId, s.teamId, s.receivedAt);
        double penalty = late.accepted() ? late.penaltyPercent() : 100;
        Totals totals = settle(result, penalty, late.sentence());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("raw", totals.raw());
        after.put("penaltyPercent", penalty);
        after.put("final", totals.finalPoints());
        after.put("why", why);
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("raw", before[0]);
        was.put("penaltyPercent", before[1]);
        was.put("final", before[2]);
        audit.record(actorId, "submission.rescore", "submission", submissionId.toString(), was, after);
    }

    /** A result's points once settled. */
    record Totals(double raw, double finalPoints) {
    }

    /**
     * Sums a result's checks and writes its raw points, late penalty and final points; an
     * instructor's override, where there is one, is the final score.
     */
    Totals settle(long result, double penaltyPercent, String lateSentence) {
        double raw = ((Number) em.createNativeQuery("select coalesce(sum(points), 0) from check_result"
                + " where result_id = ?1").setParameter(1, result).getSingleResult()).doubleValue();
        @SuppressWarnings("unchecked")
        List<Number> override = em.createNativeQuery("select override_points from grading_result where id = ?1"
                + " and override_points is not null").setParameter(1, result).getResultList();
        double finalPoints = override.isEmpty() ? ScoreBreakdown.afterPenalty(raw, penaltyPercent)
                : override.get(0).doubleValue();
        em.createNativeQuery("update grading_result set raw_points = ?2, late_penalty_percent = ?3, late_sentence = ?4,"
                        + " final_points = ?5 where id = ?1")
                .setParameter(1, result).setParameter(2, raw).setParameter(3, penaltyPercent)
                .setParameter(4, lateSentence).setParameter(5, finalPoints).executeUpdate();
        return new Totals(raw, finalPoints);
    }

    /**
     * What people decided survives a regrade: copies a TA's graded manual checks (capped at the
     * check's current maximum) and the override from the {@code previous} result to the
     * {@code current} one; returns how many manual grades were kept. {@link #settle} then totals them.
     */
    int keepPeoplesGrades(long previous, long current) {
        int grades = em.createNativeQuery("""
                update check_result c set points = least(p.points, c.max_points), status = p.status,
                    summary = p.summary, graded_by = p.graded_by, comment = p.comment
                from check_result p
                where c.result_id = ?2 and p.result_id = ?1 and p.check_id = c.check_id
                  and c.kind = 'manual' and p.kind = 'manual' and p.graded_by is not null""")
                .setParameter(1, previous).setParameter(2, current).executeUpdate();
        em.createNativeQuery("update grading_result c set override_points = p.override_points,"
                        + " override_reason = p.override_reason from grading_result p where c.id = ?2 and p.id = ?1")
                .setParameter(1, previous).setParameter(2, current).executeUpdate();
        return grades;
    }

    /**
     * The final points {@code score} comes to once people's grades of the previous result are kept
     * (as {@link #keepPeoplesGrades} and {@link #settle} will do on publishing): a TA's manual points
     * ({@code peoplesGrades}, per check) replace the new manual check's (capped at its maximum), an
     * override is final.
     */
    static double projectedFinal(ScoreBreakdown score, Map<String, Double> peoplesGrades, Optional<Double> override) {
        double raw = 0;
        for (CheckOutcome c : score.checks()) {
            Double graded = c.kind().equals("manual") ? peoplesGrades.get(c.checkId()) : null;
            raw += graded == null ? c.points() : Math.min(graded, c.maxPoints());
        }
        double total = raw;
        return override.orElseGet(() -> ScoreBreakdown.afterPenalty(total, score.latePenaltyPercent()));
    }

    /** The hand-in's latest result, if it has been scored. */
    Optional<Long> latest(UUID submissionId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from grading_result where submission_id = ?1 order by id desc limit 1")
                .setParameter(1, submissionId).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    private long latestResult(UUID submissionId) {
        return latest(submissionId).orElseThrow(() -> Problem.conflict("This hand-in has not been scored yet."));
    }

    private Object[] checkRow(long result, String checkId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, max_points, points from check_result"
                + " where result_id = ?1 and check_id = ?2").setParameter(1, result).setParameter(2, checkId).getResultList();
        if (rows.isEmpty()) {
            throw Problem.notFound("This hand-in has no check '" + checkId + "'.");
        }
        return rows.get(0);
    }
}

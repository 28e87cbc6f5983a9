package org.tensormark.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.tensormark.audit.AuditTrail;

/**
 * Late-day tokens: each student gets {@code late_tokens} per course (course file) and may spend
 * them on assignments whose late rule allows it; each token cancels one late unit of penalty on
 * that assignment (it never re-opens a closed window). Spending is serialised per student and
 * course, audited, and never takes a balance below zero.
 */
@ApplicationScoped
public class LateTokens {

    private final EntityManager em;
    private final AuditTrail audit;
    private final AssignmentCatalog catalog;

    LateTokens(EntityManager em, AuditTrail audit, AssignmentCatalog catalog) {
        this.em = em;
        this.audit = audit;
        this.catalog = catalog;
    }

    /** Tokens the student has left in the course. */
    @Transactional
    public int balance(String courseId, long userId) {
        CourseView course = catalog.course(courseId)
                .orElseThrow(() -> new IllegalArgumentException("unknown course '" + courseId + "'"));
        Number spent = (Number) em.createNativeQuery(
                        "select coalesce(sum(units), 0) from late_token_use where course_id = ?1 and user_id = ?2")
                .setParameter(1, courseId).setParameter(2, userId).getSingleResult();
        return course.lateTokens() - spent.intValue();
    }

    /** Tokens the student has spent on one assignment. */
    @Transactional
    public int spentOn(String assignmentId, long userId) {
        Number spent = (Number) em.createNativeQuery(
                        "select coalesce(sum(units), 0) from late_token_use where assignment_id = ?1 and user_id = ?2")
                .setParameter(1, assignmentId).setParameter(2, userId).getSingleResult();
        return spent.intValue();
    }

    /**
     * Spends {@code units} tokens of student {@code userId} on an assignment, acting as
     * {@code actorId} (the student or staff), and returns the balance left. Throws
     * {@link IllegalArgumentException} for a bad request and {@link IllegalStateException} when the
     * balance or the rule does not allow it.
     */
    @Transactional
    public int spend(String assignmentId, long userId, int units, long actorId) {
        AssignmentView assignment = catalog.current(assignmentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown assignment '" + assignmentId + "'"));
        if (units <= 0) {
            throw new IllegalArgumentException("spend at least one token, not " + units);
        }
        if (!assignment.lateRule().tokensAllowed()) {
            throw new IllegalStateException("assignment '" + assignmentId + "' does not take late tokens");
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "late-tokens:" + assignment.courseId() + ":" + userId).getSingleResult();
        int balance = balance(assignment.courseId(), userId);
        int already = spentOn(assignmentId, userId);
        if (units > balance) {
            throw new IllegalStateException("not enough late tokens: " + balance + " left, " + units + " asked");
        }
        if (already + units > assignment.lateRule().maxUnits()) {
            throw new IllegalStateException("at most " + assignment.lateRule().maxUnits() + " tokens can count on '"
                    + assignmentId + "' (" + already + " already spent)");
        }
        Number id = (Number) em.createNativeQuery("insert into late_token_use (course_id, assignment_id, user_id, units,"
                        + " spent_by) values (?1, ?2, ?3, ?4, ?5) returning id")
                .setParameter(1, assignment.courseId()).setParameter(2, assignmentId).setParameter(3, userId)
                .setParameter(4, units).setParameter(5, actorId).getSingleResult();
        audit.record(actorId, "late-tokens.spent", "late_token_use", id.toString(),
                Map.of("userId", userId, "balance", balance),
                Map.of("userId", userId, "assignmentId", assignmentId, "units", units, "balance", balance - units));
        return balance - units;
    }
}

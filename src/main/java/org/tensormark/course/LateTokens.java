package org.tensormark.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.Teams;

/**
 * Late-day tokens: each student gets {@code late_tokens} per course (course file) and may spend
 * them on assignments whose late rule allows it; each token cancels one late unit of penalty on
 * that assignment (it never re-opens a closed window). On group work the tokens spent by any
 * member count for the whole group's hand-ins, and the rule's maximum holds for the group.
 * Spending is serialised per student and per group, audited, never takes a balance below zero,
 * and announces a {@link LatenessChanged} for the student (and group) it concerns.
 */
@ApplicationScoped
public class LateTokens {

    private final EntityManager em;
    private final AuditTrail audit;
    private final AssignmentCatalog catalog;
    private final Teams teams;
    private final Event<LatenessChanged> changed;

    LateTokens(EntityManager em, AuditTrail audit, AssignmentCatalog catalog, Teams teams,
            Event<LatenessChanged> changed) {
        this.em = em;
        this.audit = audit;
        this.catalog = catalog;
        this.teams = teams;
        this.changed = changed;
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

    /** Tokens that count on one assignment for the student: theirs, or on group work the whole group's. */
    @Transactional
    public int spentOn(String assignmentId, long userId) {
        return spentOn(assignmentId, userId, teams.teamOf(assignmentId, userId).orElse(null));
    }

    /** Tokens that count for a hand-in by {@code userId} for {@code teamId} (null: individual work). */
    @Transactional
    public int spentOn(String assignmentId, long userId, Long teamId) {
        Number spent = (Number) em.createNativeQuery("select coalesce(sum(units), 0) from late_token_use"
                        + " where assignment_id = ?1 and (user_id = ?2 or user_id in"
                        + " (select m.user_id from team_member m where m.team_id = ?3))")
                .setParameter(1, assignmentId).setParameter(2, userId).setParameter(3, teamId == null ? -1L : teamId)
                .getSingleResult();
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
        Long team = teams.teamOf(assignmentId, userId).orElse(null);
        lock("late-tokens:" + assignment.courseId() + ":" + userId);
        if (team != null) {
            lock("late-tokens:team:" + team);
        }
        int balance = balance(assignment.courseId(), userId);
        int already = spentOn(assignmentId, userId, team);
        if (units > balance) {
            throw new IllegalStateException("not enough late tokens: " + balance + " left, " + units + " asked");
        }
        if (already + units > assignment.lateRule().maxUnits()) {
            throw new IllegalStateException("at most " + assignment.lateRule().maxUnits() + " tokens can count on '"
                    + assignmentId + "' (" + already + " already spent" + (team == null ? "" : " by your group") + ")");
        }
        Number id = (Number) em.createNativeQuery("insert into late_token_use (course_id, assignment_id, user_id, units,"
                        + " spent_by) values (?1, ?2, ?3, ?4, ?5) returning id")
                .setParameter(1, assignment.courseId()).setParameter(2, assignmentId).setParameter(3, userId)
                .setParameter(4, units).setParameter(5, actorId).getSingleResult();
        audit.record(actorId, "late-tokens.spent", "late_token_use", id.toString(),
                Map.of("userId", userId, "balance", balance),
                Map.of("userId", userId, "assignmentId", assignmentId, "units", units, "balance", balance - units));
        changed.fire(new LatenessChanged(assignmentId, userId, team, actorId, "late-token spend"));
        return balance - units;
    }

    private void lock(String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, key).getSingleResult();
    }
}

package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.tensormark.course.AssignmentView;
import org.tensormark.problem.Problem;

/**
 * The day's hand-in quota of a student, or of a group for group work (the course's calendar
 * day). Hand-ins whose grading failed because of the platform do not count. The binding check
 * runs inside the hand-in's own transaction under a lock on its owner, so simultaneous uploads
 * are counted one after the other and never store more than the quota.
 */
@ApplicationScoped
class DailyQuota {

    private final EntityManager em;

    DailyQuota(EntityManager em) {
        this.em = em;
    }

    /** A quick refusal before any file is stored; {@link #claim} decides. */
    @Transactional
    void refuseIfUsedUp(AssignmentView a, long userId, Long teamId, Instant now) {
        refuseIfFull(a, userId, teamId, now);
    }

    /**
     * Takes one hand-in of the day's quota within the caller's transaction, which must then
     * insert the hand-in: holds the owner's lock until that transaction ends and refuses with
     * 429 when the quota is used up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void claim(AssignmentView a, long userId, Long teamId, Instant now) {
        if (a.handinsPerDay() <= 0) {
            return;
        }
        String owner = teamId != null ? "team:" + teamId : "user:" + userId;
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "tensormark.handin-quota:" + a.id() + ":" + owner).getSingleResult();
        refuseIfFull(a, userId, teamId, now);
    }

    private void refuseIfFull(AssignmentView a, long userId, Long teamId, Instant now) {
        if (a.handinsPerDay() <= 0) {
            return;
        }
        ZonedDateTime start = now.atZone(a.zone()).toLocalDate().atStartOfDay(a.zone());
        long used = em.createQuery("select count(s) from Submission s where s.assignmentId = :a"
                        + " and (s.submitterId = :u or (:t is not null and s.teamId = :t))"
                        + " and s.receivedAt >= :from and s.receivedAt < :to"
                        + " and not exists (select 1 from GradingJob j where j.submissionId = s.id and j.state = 'failed'"
                        + " and j.purpose <> 'rerun')",
                        Long.class)
                .setParameter("a", a.id()).setParameter("u", userId).setParameter("t", teamId)
                .setParameter("from", start.toInstant()).setParameter("to", start.plusDays(1).toInstant())
                .getSingleResult();
        if (used >= a.handinsPerDay()) {
            throw Problem.tooMany("You have used all " + a.handinsPerDay() + " hand-ins for today; the next one"
                    + " is possible from " + HandinRules.DISPLAY.format(start.plusDays(1)) + ".");
        }
    }
}

package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Counting;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * Reading hand-ins back, with the one visibility rule: a student sees their own and their
 * group's hand-ins; TAs and instructors see their course's. Anything else is "not found".
 */
@ApplicationScoped
public class Submissions {

    private final EntityManager em;
    private final SubmissionLedger ledger;

    Submissions(EntityManager em, SubmissionLedger ledger) {
        this.em = em;
        this.ledger = ledger;
    }

    /** A hand-in in a list: its receipt and where its grading stands. */
    public record Summary(UUID id, String assignmentId, long submitterId, String submitterUsername,
            String submitterName, Long teamId, Instant receivedAt, String status, boolean chosen, Double finalPoints) {
    }

    /** The caller's own and group hand-ins, newest first, optionally for one assignment. */
    @Transactional
    public List<Summary> mine(long userId, String assignmentId) {
        return em.createQuery("select s from Submission s where (s.submitterId = :u or s.teamId in"
                        + " (select m.teamId from TeamMember m where m.userId = :u))"
                        + " and (:a is null or s.assignmentId = :a) order by s.receivedAt desc", Submission.class)
                .setParameter("u", userId).setParameter("a", assignmentId).getResultStream()
                .map(this::summary).toList();
    }

    /** Every hand-in of an assignment, for its course's staff; a TA limited to sections sees their students' only. */
    @Transactional
    public List<Summary> ofAssignment(String assignmentId, Optional<Set<Long>> visibleStudents) {
        return em.createQuery("from Submission where assignmentId = :a order by receivedAt desc", Submission.class)
                .setParameter("a", assignmentId).getResultStream()
                .filter(s -> visibleStudents.isEmpty() || authors(s).stream().anyMatch(visibleStudents.get()::contains))
                .map(this::summary).toList();
    }

    /** The submission if the caller may see it; otherwise 404, never a hint that it exists. */
    @Transactional
    public Submission visible(CourseAccess access, UUID id) {
        Submission s = em.find(Submission.class, id);
        if (s == null || !(isOwn(s, access.userId()) || access.seesAsStaff(courseOf(s.assignmentId), authors(s)))) {
            throw Problem.notFound("No hand-in " + id + " that you can see.");
        }
        return s;
    }

    /**
     * Marks the hand-in as the one that counts, for assignments whose rule is "chosen"; the
     * student's (or group's) other hand-ins of the assignment stop counting. Audited.
     */
    @Transactional
    public void choose(CourseAccess access, UUID id, AssignmentView assignment, AuditTrail audit) {
        Submission s = visible(access, id);
        if (!isOwn(s, access.userId())) {
            throw Problem.notAllowed("Only the student or group who handed it in may choose it.");
        }
        if (assignment.counts() != Counting.CHOSEN) {
            throw Problem.conflict("For " + assignment.title() + " the " + assignment.counts().toString().toLowerCase()
                    + " hand-in counts; there is nothing to choose.");
        }
        em.createQuery("update Submission set chosen = false where assignmentId = :a and"
                        + " (submitterId = :u or (:t is not null and teamId = :t))")
                .setParameter("a", s.assignmentId).setParameter("u", s.submitterId).setParameter("t", s.teamId)
                .executeUpdate();
        em.createQuery("update Submission set chosen = true where id = :id").setParameter("id", id).executeUpdate();
        audit.record(access.userId(), "submission.choose", "submission", id.toString(), null, Map.of("chosen", true));
    }

    /** A hand-in with its files, for the worker (no access check: the worker acts for the platform). */
    public record Handin(Submission submission, List<SubmissionFile> files) {
    }

    @Transactional
    public Optional<Handin> handin(UUID id) {
        Submission s = em.find(Submission.class, id);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new Handin(s, em.createQuery("from SubmissionFile where submissionId = :id order by role",
                SubmissionFile.class).setParameter("id", id).getResultList()));
    }

    @Transactional
    public Receipt receipt(CourseAccess access, UUID id) {
        return ledger.receipt(visible(access, id).id).orElseThrow();
    }

    @Transactional
    public Optional<String> jobState(UUID submissionId) {
        return em.createQuery("select state from GradingJob where submissionId = :s and purpose <> 'rerun'"
                        + " order by id desc", String.class)
                .setParameter("s", submissionId).setMaxResults(1).getResultStream().findFirst();
    }

    @Transactional
    public String courseOf(String assignmentId) {
        return (String) em.createNativeQuery("select course_id from assignment where id = ?1")
                .setParameter(1, assignmentId).getSingleResult();
    }

    /** The submitter and, for a group's hand-in, every member of the group. */
    private Set<Long> authors(Submission s) {
        Set<Long> ids = new HashSet<>(Set.of(s.submitterId));
        if (s.teamId != null) {
            ids.addAll(em.createQuery("select userId from TeamMember where teamId = :t", Long.class)
                    .setParameter("t", s.teamId).getResultList());
        }
        return ids;
    }

    private boolean isOwn(Submission s, long userId) {
        if (s.submitterId == userId) {
            return true;
        }
        return s.teamId != null && !em.createQuery("select 1 from TeamMember where teamId = :t and userId = :u")
                .setParameter("t", s.teamId).setParameter("u", userId).getResultList().isEmpty();
    }

    private Summary summary(Submission s) {
        Object[] who = (Object[]) em.createNativeQuery("select username, display_name from app_user where id = ?1")
                .setParameter(1, s.submitterId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Number> points = em.createNativeQuery("select final_points from grading_result where submission_id = ?1"
                + " order by id desc limit 1").setParameter(1, s.id).getResultList();
        return new Summary(s.id, s.assignmentId, s.submitterId, (String) who[0], (String) who[1], s.teamId, s.receivedAt,
                jobState(s.id).orElse("none"), s.chosen, points.isEmpty() ? null : points.get(0).doubleValue());
    }
}

package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Counting;

/**
 * The one place that decides which hand-in counts for a student on an assignment: among the
 * student's own hand-ins and their group's, the last, the best (final score after late penalty,
 * extensions and overrides) or the chosen one, as the assignment's current version says. The
 * dashboard, the gradebook and its CSV, the student's page and the late-token answers all ask here.
 * Where the instructor scaled a student's mark on group work (peer assessment), the student's
 * points are the hand-in's scaled ({@link MarkScaling}); the choice among hand-ins is made on the
 * hand-in's own points.
 */
@ApplicationScoped
public class CountedHandins {

    /**
     * Each candidate hand-in of the students selected by {@code %s}, with its latest result: the
     * student's own hand-ins and their group's, as two joins (one "own or group's" condition made
     * PostgreSQL compare every enrolment with every hand-in of the assignment).
     */
    private static final String CANDIDATES = """
            with students as (select e.user_id from enrolment e where e.course_id = ?2 and %s),
            candidate as (
                select st.user_id, s.id as submission_id
                from students st join submission s on s.assignment_id = ?1 and s.submitter_id = st.user_id
                union
                select st.user_id, s.id
                from students st
                join team_member m on m.user_id = st.user_id and m.assignment_id = ?1
                join submission s on s.assignment_id = ?1 and s.team_id = m.team_id)
            select c.user_id, s.id, s.received_at, s.chosen, l.id, l.final_points, l.max_points,
                   l.late_penalty_percent,
                   exists (select 1 from check_result cr where cr.result_id = l.id
                           and cr.status in ('failed', 'partial', 'error')),
                   ms.factor
            from candidate c
            join submission s on s.id = c.submission_id
            left join mark_scale ms on ms.assignment_id = ?1 and ms.user_id = c.user_id
            left join lateral (select r.id, r.final_points, r.max_points, r.late_penalty_percent
                               from grading_result r where r.submission_id = s.id
                               order by r.id desc limit 1) l on true""";

    private final EntityManager em;
    private final AssignmentCatalog catalog;

    CountedHandins(EntityManager em, AssignmentCatalog catalog) {
        this.em = em;
        this.catalog = catalog;
    }

    /**
     * The hand-in that counts for one student, with its latest result (null while unscored).
     *
     * @param finalPoints  the student's points: the hand-in's final points, scaled when {@code scaling} is set
     * @param failedACheck whether the latest result has a failed, partial or erroring check
     * @param scaling      how the instructor scaled this student's mark (null when not scaled or not scored)
     */
    public record Counted(long userId, UUID submissionId, Instant receivedAt, Long resultId, Double finalPoints,
            Double maxPoints, Double latePenaltyPercent, boolean failedACheck, MarkScaling scaling) {

        /** This hand-in's points for a student whose mark the instructor scaled by {@code factor} (null: unscaled). */
        Counted scaledBy(BigDecimal factor) {
            if (factor == null || finalPoints == null || maxPoints == null) {
                return this;
            }
            MarkScaling s = MarkScaling.of(finalPoints, factor, maxPoints);
            return new Counted(userId, submissionId, receivedAt, resultId, s.points(), maxPoints, latePenaltyPercent,
                    failedACheck, s);
        }

        public boolean scored() {
            return resultId != null;
        }

        public boolean late() {
            return latePenaltyPercent != null && latePenaltyPercent > 0;
        }
    }

    /** Every student of the assignment's course who has a hand-in that counts, by user id. */
    @Transactional
    public Map<Long, Counted> ofAssignment(String assignmentId) {
        AssignmentView a = assignment(assignmentId);
        return pick(a.counts(), candidates(a, "e.role = 'student'", null));
    }

    /** The hand-in that counts for {@code userId} (enrolled in the course in any role), if there is one. */
    @Transactional
    public Optional<Counted> of(String assignmentId, long userId) {
        AssignmentView a = assignment(assignmentId);
        return Optional.ofNullable(pick(a.counts(), candidates(a, "e.user_id = ?3", userId)).get(userId));
    }

    /** One candidate as read, with the flag the choice needs and the student's scale factor (null when none). */
    private record Candidate(Counted handin, boolean chosen, BigDecimal factor) {
    }

    private static Map<Long, Counted> pick(Counting counting, Map<Long, List<Candidate>> byStudent) {
        Map<Long, Counted> out = new LinkedHashMap<>();
        byStudent.forEach((user, candidates) -> {
            Map<UUID, Counted> byId = new LinkedHashMap<>();
            List<Counting.Candidate> choices = new ArrayList<>();
            for (Candidate c : candidates) {
                Counted h = c.handin();
                byId.put(h.submissionId(), h);
                choices.add(new Counting.Candidate(h.submissionId(), h.receivedAt(), c.chosen(), h.finalPoints()));
            }
            BigDecimal factor = candidates.get(0).factor();
            counting.pick(choices).ifPresent(p -> out.put(user, byId.get(p.submissionId()).scaledBy(factor)));
        });
        return out;
    }

    private Map<Long, List<Candidate>> candidates(AssignmentView a, String students, Long userId) {
        var query = em.createNativeQuery(CANDIDATES.formatted(students))
                .setParameter(1, a.id()).setParameter(2, a.courseId());
        if (userId != null) {
            query.setParameter(3, userId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, List<Candidate>> byStudent = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long user = ((Number) r[0]).longValue();
            Counted h = new Counted(user, (UUID) r[1], instant(r[2]), r[4] == null ? null : ((Number) r[4]).longValue(),
                    decimal(r[5]), decimal(r[6]), decimal(r[7]), Boolean.TRUE.equals(r[8]), null);
            byStudent.computeIfAbsent(user, k -> new ArrayList<>())
                    .add(new Candidate(h, Boolean.TRUE.equals(r[3]), (BigDecimal) r[9]));
        }
        return byStudent;
    }

    private AssignmentView assignment(String assignmentId) {
        return catalog.current(assignmentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown assignment '" + assignmentId + "'"));
    }

    private static Double decimal(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static Instant instant(Object o) {
        return o instanceof OffsetDateTime t ? t.toInstant() : o instanceof java.sql.Timestamp t ? t.toInstant()
                : (Instant) o;
    }
}

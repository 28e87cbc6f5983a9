package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What people decided about a hand-in survives a regrade: a TA's points for a manual check and an
 * instructor's override move from the hand-in's previous result to the new one, and the new
 * result's raw and final points are recomputed with them. Only the automatic checks are rerun.
 */
@ApplicationScoped
class CarriedGrades {

    private final EntityManager em;

    CarriedGrades(EntityManager em) {
        this.em = em;
    }

    /** The hand-in's latest result so far, if it has one. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Long> previousResult(UUID submissionId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from grading_result where submission_id = ?1"
                + " order by id desc limit 1").setParameter(1, submissionId).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    /**
     * Copies graded manual checks (capped at the check's current maximum) and the override from
     * {@code previous} to {@code current}; returns the number of manual grades carried.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int carry(long previous, long current, double penaltyPercent) {
        int grades = em.createNativeQuery("""
                update check_result c set points = least(p.points, c.max_points), status = p.status,
                    summary = p.summary, graded_by = p.graded_by, comment = p.comment
                from check_result p
                where c.result_id = ?2 and p.result_id = ?1 and p.check_id = c.check_id
                  and c.kind = 'manual' and p.kind = 'manual' and p.graded_by is not null""")
                .setParameter(1, previous).setParameter(2, current).executeUpdate();
        Object[] override = (Object[]) em.createNativeQuery("select override_points, override_reason"
                + " from grading_result where id = ?1").setParameter(1, previous).getSingleResult();
        if (grades == 0 && override[1] == null) {
            return 0;
        }
        double raw = ((Number) em.createNativeQuery("select coalesce(sum(points), 0) from check_result"
                + " where result_id = ?1")
                .setParameter(1, current).getSingleResult()).doubleValue();
        double computed = Math.max(0, raw * (1 - penaltyPercent / 100.0));
        em.createNativeQuery("update grading_result set raw_points = ?2, final_points = ?3, override_points = ?4,"
                        + " override_reason = ?5 where id = ?1")
                .setParameter(1, current).setParameter(2, raw)
                .setParameter(3, override[0] == null ? computed : ((Number) override[0]).doubleValue())
                .setParameter(4, override[0]).setParameter(5, override[1]).executeUpdate();
        return grades;
    }
}

package org.tensormark.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a class is doing on one assignment, from the hand-in that counts for each student (their
 * latest, or the one they chose): handed in / not yet / late, a score histogram, per-check pass
 * rates (which check fails most; manual checks count once a TA graded them) and hand-ins per hour.
 * A few aggregate queries, no per-student loop.
 */
@ApplicationScoped
public class ClassOverview {

    /** The latest result of each student's counted hand-in of the assignment. */
    static final String COUNTED = """
            with ranked as (
                select s.*, row_number() over (partition by s.submitter_id
                    order by s.chosen desc, s.received_at desc) as rank
                from submission s where s.assignment_id = ?1),
            counted as (select * from ranked where rank = 1),
            latest as (
                select distinct on (r.submission_id) r.*, c.submitter_id from grading_result r
                join counted c on c.id = r.submission_id order by r.submission_id, r.id desc)
            """;

    private final EntityManager em;

    ClassOverview(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Map<String, Object> of(String assignmentId, String courseId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignmentId", assignmentId);
        Object[] counts = (Object[]) em.createNativeQuery(COUNTED + """
                select (select count(*) from enrolment where course_id = ?2 and role = 'student'),
                       (select count(*) from counted),
                       (select count(*) from latest where late_penalty_percent > 0),
                       (select count(*) from counted c where not exists (select 1 from latest l where l.submission_id = c.id))""")
                .setParameter(1, assignmentId).setParameter(2, courseId).getSingleResult();
        long enrolled = number(counts[0]);
        long handedIn = number(counts[1]);
        out.put("students", enrolled);
        out.put("handedIn", handedIn);
        out.put("notYet", Math.max(0, enrolled - handedIn));
        out.put("late", number(counts[2]));
        out.put("awaitingScore", number(counts[3]));
        out.put("histogram", histogram(assignmentId));
        out.put("checks", checkPassRates(assignmentId));
        out.put("handInsPerHour", perHour(assignmentId));
        return out;
    }

    /** Ten bins of a tenth each, lower edge included (8 of 10 is in 80–90 %); full marks go in the top bin. */
    private List<Map<String, Object>> histogram(String assignmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COUNTED + """
                select least(width_bucket(cast(final_points / nullif(max_points, 0) as numeric), 0, 1, 10), 10) as bucket,
                       count(*)
                from latest group by 1 order by 1""").setParameter(1, assignmentId).getResultList();
        long[] buckets = new long[10];
        for (Object[] r : rows) {
            int b = r[0] == null ? 1 : (int) number(r[0]);
            buckets[Math.max(1, Math.min(10, b)) - 1] += number(r[1]);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(Map.of("fromPercent", i * 10, "toPercent", (i + 1) * 10, "count", buckets[i]));
        }
        return out;
    }

    private List<Map<String, Object>> checkPassRates(String assignmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COUNTED + """
                select cr.check_id, cr.kind, cr.visibility, count(*) filter (where cr.status = 'passed'), count(*),
                       avg(cr.points / nullif(cr.max_points, 0))
                from check_result cr join latest l on l.id = cr.result_id
                where cr.status <> 'pending'
                group by cr.check_id, cr.kind, cr.visibility
                order by count(*) filter (where cr.status = 'passed')::float / count(*), cr.check_id""")
                .setParameter(1, assignmentId).getResultList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkId", r[0]);
            m.put("kind", r[1]);
            m.put("visibility", r[2]);
            m.put("passed", number(r[3]));
            m.put("graded", number(r[4]));
            m.put("meanScorePercent", r[5] == null ? null : Math.round(((Number) r[5]).doubleValue() * 1000) / 10.0);
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> perHour(String assignmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select date_trunc('hour', received_at), count(*) from submission"
                + " where assignment_id = ?1 group by 1 order by 1").setParameter(1, assignmentId).getResultList();
        return rows.stream().map(r -> Map.<String, Object>of("hour", r[0].toString(), "count", number(r[1]))).toList();
    }

    static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}

package org.tensormark.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensormark.grading.CountedHandins;

/**
 * How a class is doing on one assignment, from the hand-in that counts for each student (asked of
 * {@link CountedHandins}: own or group's, last, best or chosen): handed in / not yet / late, a score
 * histogram, per-check pass rates (which check fails most; manual checks count once a TA graded
 * them) and hand-ins per hour. A group's hand-in counts once for every member.
 */
@ApplicationScoped
public class ClassOverview {

    private final EntityManager em;
    private final CountedHandins counted;

    ClassOverview(EntityManager em, CountedHandins counted) {
        this.em = em;
        this.counted = counted;
    }

    @Transactional
    public Map<String, Object> of(String assignmentId, String courseId) {
        return of(assignmentId, courseId, null, Optional.empty());
    }

    /**
     * The overview over the course's enrolled (not dropped) students, only those of {@code section}
     * when given, and only those in {@code visible} when given (a TA limited to sections).
     */
    @Transactional
    public Map<String, Object> of(String assignmentId, String courseId, String section, Optional<Set<Long>> visible) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select user_id from enrolment where course_id = ?1"
                + " and role = 'student' and dropped_at is null and (?2 = '' or section = ?2)")
                .setParameter(1, courseId).setParameter(2, section == null ? "" : section).getResultList();
        Set<Long> students = ids.stream().map(Number::longValue)
                .filter(id -> visible.isEmpty() || visible.get().contains(id)).collect(Collectors.toSet());
        Collection<CountedHandins.Counted> handins = counted.ofAssignment(assignmentId).values().stream()
                .filter(h -> students.contains(h.userId())).toList();
        long enrolled = students.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assignmentId", assignmentId);
        out.put("students", enrolled);
        out.put("handedIn", (long) handins.size());
        out.put("notYet", Math.max(0, enrolled - handins.size()));
        out.put("late", handins.stream().filter(CountedHandins.Counted::late).count());
        out.put("awaitingScore", handins.stream().filter(h -> !h.scored()).count());
        out.put("histogram", histogram(handins));
        out.put("checks", checkPassRates(handins));
        out.put("handInsPerHour", perHour(assignmentId));
        return out;
    }

    /** Ten bins of a tenth each, lower edge included (8 of 10 is in 80–90 %); full marks go in the top bin. */
    static List<Map<String, Object>> histogram(Collection<CountedHandins.Counted> handins) {
        long[] buckets = new long[10];
        for (CountedHandins.Counted h : handins) {
            if (h.finalPoints() != null) {
                double share = h.maxPoints() == null || h.maxPoints() == 0 ? 0 : h.finalPoints() / h.maxPoints();
                buckets[(int) Math.max(0, Math.min(9, Math.floor(share * 10 + 1e-9)))]++;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(Map.of("fromPercent", i * 10, "toPercent", (i + 1) * 10, "count", buckets[i]));
        }
        return out;
    }

    /** Per check, how many counted hand-ins passed it, worst first; a result counts once per student. */
    private List<Map<String, Object>> checkPassRates(Collection<CountedHandins.Counted> handins) {
        Map<Long, Long> studentsPerResult = handins.stream().filter(CountedHandins.Counted::scored)
                .collect(Collectors.groupingBy(CountedHandins.Counted::resultId, Collectors.counting()));
        if (studentsPerResult.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cr.result_id, cr.check_id, cr.kind, cr.visibility, cr.status = 'passed',
                       cr.points / nullif(cr.max_points, 0)
                from check_result cr where cr.result_id in (?1) and cr.status <> 'pending'""")
                .setParameter(1, studentsPerResult.keySet()).getResultList();
        Map<String, PassRate> rates = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long weight = studentsPerResult.get(number(r[0]));
            rates.computeIfAbsent((String) r[1], id -> new PassRate(id, (String) r[2], (String) r[3]))
                    .add(Boolean.TRUE.equals(r[4]), r[5] == null ? null : ((Number) r[5]).doubleValue(), weight);
        }
        return rates.values().stream()
                .sorted(Comparator.comparingDouble(PassRate::rate).thenComparing(PassRate::checkId))
                .map(PassRate::toMap).toList();
    }

    /** Tallies of one check over the counted hand-ins. */
    private static final class PassRate {
        private final String checkId;
        private final String kind;
        private final String visibility;
        private long passed;
        private long graded;
        private double scoreShares;
        private long scored;

        PassRate(String checkId, String kind, String visibility) {
            this.checkId = checkId;
            this.kind = kind;
            this.visibility = visibility;
        }

        void add(boolean pass, Double share, long weight) {
            graded += weight;
            passed += pass ? weight : 0;
            if (share != null) {
                scoreShares += share * weight;
                scored += weight;
            }
        }

        String checkId() {
            return checkId;
        }

        double rate() {
            return (double) passed / graded;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checkId", checkId);
            m.put("kind", kind);
            m.put("visibility", visibility);
            m.put("passed", passed);
            m.put("graded", graded);
            m.put("meanScorePercent", scored == 0 ? null : Math.round(scoreShares / scored * 1000) / 10.0);
            return m;
        }
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

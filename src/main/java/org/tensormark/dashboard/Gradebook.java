package org.tensormark.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import org.tensormark.grading.CountedHandins;

/**
 * The course's students with the final score of the hand-in that counts for them (see
 * {@link CountedHandins}) on every assignment,
 * searchable and filterable (late, failed a check, not handed in, section), and as CSV for the
 * registrar. Dropped students keep their row, marked dropped, with the work they handed in.
 */
@ApplicationScoped
public class Gradebook {

    private final EntityManager em;
    private final CountedHandins counted;

    Gradebook(EntityManager em, CountedHandins counted) {
        this.em = em;
        this.counted = counted;
    }

    /**
     * One student's row: assignment id → final points of the hand-in that counts (null when not
     * handed in or not scored) and assignment id → that hand-in (own or the group's); the student's
     * section (null when none) and whether they were dropped from the course.
     *
     * @param latePenaltyPercent assignment id → the late penalty taken off that hand-in's points,
     *                           in percent (0 when on time; absent when not scored)
     * @param checkPoints        assignment id → check id → points of that check, only when asked
     *                           for per check (else empty)
     * @param scaled             assignment id → how the instructor scaled this student's mark on group
     *                           work, e.g. "80 × 1.10 = 88" (only where scaled; the final points are the scaled ones)
     */
    public record Row(long userId, String username, String displayName, Map<String, Double> finalPoints,
            Map<String, String> handIns, List<String> late, List<String> failedACheck, List<String> notHandedIn,
            String section, boolean dropped, Map<String, Double> latePenaltyPercent,
            Map<String, Map<String, Double>> checkPoints, Map<String, String> scaled) {
    }

    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search) {
        return rows(courseId, assignmentIds, search, null, Optional.empty());
    }

    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search, String section,
            Optional<Set<Long>> visible) {
        return rows(courseId, assignmentIds, search, section, visible, false);
    }

    /**
     * The rows of the students matching {@code search}, in {@code section} when given, and among
     * {@code visible} when given (a TA limited to sections).
     */
    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search, String section,
            Optional<Set<Long>> visible, boolean perCheck) {
        String like = search == null || search.isBlank() ? "%" : "%" + search.strip().toLowerCase() + "%";
        @SuppressWarnings("unchecked")
        List<Object[]> students = em.createNativeQuery("select u.id, u.username, u.display_name, e.section,"
                        + " e.dropped_at is not null from app_user u"
                        + " join enrolment e on e.user_id = u.id where e.course_id = ?1 and e.role = 'student'"
                        + " and (lower(u.username) like ?2 or lower(u.display_name) like ?2) order by u.username")
                .setParameter(1, courseId).setParameter(2, like).getResultList();
        students = students.stream()
                .filter(st -> section == null || section.isBlank() || section.equals(st[3]))
                .filter(st -> visible.isEmpty() || visible.get().contains(((Number) st[0]).longValue())).toList();
        Map<String, Map<Long, CountedHandins.Counted>> byAssignment = new LinkedHashMap<>();
        assignmentIds.forEach(a -> byAssignment.put(a, counted.ofAssignment(a)));
        Map<Long, Map<String, Double>> checks = perCheck ? checkPoints(byAssignment) : Map.of();
        List<Row> rows = new ArrayList<>();
        for (Object[] st : students) {
            long id = ((Number) st[0]).longValue();
            Map<String, Double> points = new LinkedHashMap<>();
            Map<String, String> handIns = new LinkedHashMap<>();
            List<String> late = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            Map<String, Double> penalties = new LinkedHashMap<>();
            Map<String, Map<String, Double>> perCheckPoints = new LinkedHashMap<>();
            Map<String, String> scaled = new LinkedHashMap<>();
            for (String a : assignmentIds) {
                CountedHandins.Counted h = byAssignment.get(a).get(id);
                points.put(a, h == null ? null : h.finalPoints());
                if (h == null) {
                    missing.add(a);
                    continue;
                }
                handIns.put(a, h.submissionId().toString());
                if (h.scaling() != null) {
                    scaled.put(a, h.scaling().sentence());
                }
                if (h.scored()) {
                    penalties.put(a, h.latePenaltyPercent());
                    if (perCheck) {
                        perCheckPoints.put(a, checks.getOrDefault(h.resultId(), Map.of()));
                    }
                }
                if (h.late()) {
                    late.add(a);
                }
                if (h.failedACheck()) {
                    failed.add(a);
                }
            }
            rows.add(new Row(id, (String) st[1], (String) st[2], points, handIns, late, failed, missing,
                    (String) st[3], Boolean.TRUE.equals(st[4]), penalties, perCheckPoints, scaled));
        }
        return rows;
    }

    /** Result id → check id → points, of the results the gradebook shows. */
    private Map<Long, Map<String, Double>> checkPoints(Map<String, Map<Long, CountedHandins.Counted>> byAssignment) {
        List<Long> results = byAssignment.values().stream().flatMap(m -> m.values().stream())
                .filter(CountedHandins.Counted::scored).map(CountedHandins.Counted::resultId).toList();
        Map<Long, Map<String, Double>> out = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select result_id, check_id, points from check_result"
                + " where result_id in (?1) order by result_id, check_id").setParameter(1, results).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new LinkedHashMap<>())
                    .put((String) r[1], ((Number) r[2]).doubleValue());
        }
        return out;
    }

    /**
     * The gradebook as CSV: one row per student, one column per assignment, and beside an
     * assignment where the instructor scaled some student's mark, a column saying how ("80 × 1.10 = 88").
     */
    public String csv(List<Row> rows, List<String> assignmentIds) {
        Set<String> scaledSomewhere = new HashSet<>();
        rows.forEach(r -> scaledSomewhere.addAll(r.scaled().keySet()));
        StringBuilder out = new StringBuilder("username,name");
        assignmentIds.forEach(a -> out.append(',').append(a).append(scaledSomewhere.contains(a) ? "," + a + " scaled" : ""));
        out.append('\n');
        for (Row r : rows) {
            out.append(quote(r.username())).append(',').append(quote(r.displayName()));
            for (String a : assignmentIds) {
                Double p = r.finalPoints().get(a);
                out.append(',').append(p == null ? "" : p.toString());
                if (scaledSomewhere.contains(a)) {
                    out.append(',').append(r.scaled().containsKey(a) ? quote(r.scaled().get(a)) : "");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quote(String text) {
        String safe = text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")
                ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}

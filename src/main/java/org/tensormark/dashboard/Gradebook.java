package org.tensormark.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     */
    public record Row(long userId, String username, String displayName, Map<String, Double> finalPoints,
            Map<String, String> handIns, List<String> late, List<String> failedACheck, List<String> notHandedIn,
            String section, boolean dropped) {
    }

    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search) {
        return rows(courseId, assignmentIds, search, null, Optional.empty());
    }

    /**
     * The rows of the students matching {@code search}, in {@code section} when given, and among
     * {@code visible} when given (a TA limited to sections).
     */
    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search, String section,
            Optional<Set<Long>> visible) {
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
        List<Row> rows = new ArrayList<>();
        for (Object[] st : students) {
            long id = ((Number) st[0]).longValue();
            Map<String, Double> points = new LinkedHashMap<>();
            Map<String, String> handIns = new LinkedHashMap<>();
            List<String> late = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String a : assignmentIds) {
                CountedHandins.Counted h = byAssignment.get(a).get(id);
                points.put(a, h == null ? null : h.finalPoints());
                if (h == null) {
                    missing.add(a);
                    continue;
                }
                handIns.put(a, h.submissionId().toString());
                if (h.late()) {
                    late.add(a);
                }
                if (h.failedACheck()) {
                    failed.add(a);
                }
            }
            rows.add(new Row(id, (String) st[1], (String) st[2], points, handIns, late, failed, missing,
                    (String) st[3], Boolean.TRUE.equals(st[4])));
        }
        return rows;
    }

    /** The gradebook as CSV: one row per student, one column per assignment. */
    public String csv(List<Row> rows, List<String> assignmentIds) {
        StringBuilder out = new StringBuilder("username,name");
        assignmentIds.forEach(a -> out.append(',').append(a));
        out.append('\n');
        for (Row r : rows) {
            out.append(quote(r.username())).append(',').append(quote(r.displayName()));
            for (String a : assignmentIds) {
                Double p = r.finalPoints().get(a);
                out.append(',').append(p == null ? "" : p.toString());
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

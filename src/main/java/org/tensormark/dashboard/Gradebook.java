package org.tensormark.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's students with the final score of their counted hand-in for every assignment,
 * searchable and filterable (late, failed a check, not handed in), and as CSV for the registrar.
 */
@ApplicationScoped
public class Gradebook {

    private final EntityManager em;

    Gradebook(EntityManager em) {
        this.em = em;
    }

    /**
     * One student's row: assignment id → final points (null when not handed in or not scored) and
     * assignment id → the hand-in that counts.
     */
    public record Row(long userId, String username, String displayName, Map<String, Double> finalPoints,
            Map<String, String> handIns, List<String> late, List<String> failedACheck, List<String> notHandedIn) {
    }

    @Transactional
    public List<Row> rows(String courseId, List<String> assignmentIds, String search) {
        String like = search == null || search.isBlank() ? "%" : "%" + search.strip().toLowerCase() + "%";
        @SuppressWarnings("unchecked")
        List<Object[]> students = em.createNativeQuery("select u.id, u.username, u.display_name from app_user u"
                        + " join enrolment e on e.user_id = u.id where e.course_id = ?1 and e.role = 'student'"
                        + " and (lower(u.username) like ?2 or lower(u.display_name) like ?2) order by u.username")
                .setParameter(1, courseId).setParameter(2, like).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> scores = em.createNativeQuery("""
                with ranked as (
                    select s.id, s.assignment_id, s.submitter_id, row_number() over (partition by s.assignment_id,
                        s.submitter_id order by s.chosen desc, s.received_at desc) as rank
                    from submission s join assignment a on a.id = s.assignment_id where a.course_id = ?1),
                latest as (
                    select distinct on (r.submission_id) r.id, r.submission_id, r.final_points, r.late_penalty_percent
                    from grading_result r join ranked k on k.id = r.submission_id and k.rank = 1
                    order by r.submission_id, r.id desc)
                select k.submitter_id, k.assignment_id, l.final_points, l.late_penalty_percent,
                       exists (select 1 from check_result c where c.result_id = l.id
                               and c.status in ('failed', 'partial', 'error')),
                       cast(k.id as text)
                from ranked k left join latest l on l.submission_id = k.id where k.rank = 1""")
                .setParameter(1, courseId).getResultList();
        Map<Long, Map<String, Object[]>> byStudent = new LinkedHashMap<>();
        for (Object[] s : scores) {
            byStudent.computeIfAbsent(((Number) s[0]).longValue(), k -> new LinkedHashMap<>()).put((String) s[1], s);
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] st : students) {
            long id = ((Number) st[0]).longValue();
            Map<String, Object[]> mine = byStudent.getOrDefault(id, Map.of());
            Map<String, Double> points = new LinkedHashMap<>();
            Map<String, String> handIns = new LinkedHashMap<>();
            List<String> late = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String a : assignmentIds) {
                Object[] s = mine.get(a);
                points.put(a, s == null || s[2] == null ? null : ((Number) s[2]).doubleValue());
                if (s == null) {
                    missing.add(a);
                } else {
                    handIns.put(a, (String) s[5]);
                    if (s[3] != null && ((Number) s[3]).doubleValue() > 0) {
                        late.add(a);
                    }
                    if (Boolean.TRUE.equals(s[4])) {
                        failed.add(a);
                    }
                }
            }
            rows.add(new Row(id, (String) st[1], (String) st[2], points, handIns, late, failed, missing));
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

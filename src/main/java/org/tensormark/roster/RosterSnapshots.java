package org.tensormark.roster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensormark.identity.CourseRole;

/** Reads what a roster plan needs and what the roster shows, in a few queries for a whole class. */
@ApplicationScoped
class RosterSnapshots {

    private final EntityManager em;

    RosterSnapshots(EntityManager em) {
        this.em = em;
    }

    /** The accounts the entries name (by username or student id) and every enrolment of the course. */
    @Transactional(Transactional.TxType.MANDATORY)
    RosterPlan.Snapshot of(String courseId, Collection<RosterEntry> entries) {
        String[] usernames = entries.stream().map(RosterEntry::username).toArray(String[]::new);
        String[] studentIds = entries.stream().map(RosterEntry::studentId).filter(Objects::nonNull).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> accounts = em.createNativeQuery("select id, username, display_name, email, student_id"
                        + " from app_user where username = any(cast(?1 as text[])) or student_id = any(cast(?2 as text[]))")
                .setParameter(1, array(usernames)).setParameter(2, array(studentIds)).getResultList();
        Map<String, RosterPlan.Account> byUsername = new HashMap<>();
        Map<String, RosterPlan.Account> byStudentId = new HashMap<>();
        for (Object[] r : accounts) {
            RosterPlan.Account a = new RosterPlan.Account(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4]);
            byUsername.put(a.username(), a);
            if (a.studentId() != null) {
                byStudentId.put(a.studentId(), a);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> enrolments = em.createNativeQuery("select e.user_id, u.username, e.role, e.section,"
                        + " e.dropped_at is not null from enrolment e join app_user u on u.id = e.user_id"
                        + " where e.course_id = ?1").setParameter(1, courseId).getResultList();
        Map<Long, RosterPlan.Enrolled> enrolled = new HashMap<>();
        for (Object[] r : enrolments) {
            long id = ((Number) r[0]).longValue();
            enrolled.put(id, new RosterPlan.Enrolled(id, (String) r[1], CourseRole.parse((String) r[2]),
                    (String) r[3], Boolean.TRUE.equals(r[4])));
        }
        return new RosterPlan.Snapshot(byUsername, byStudentId, enrolled);
    }

    /** The course's roster, or the one person with this username (null: everyone). */
    @Transactional
    List<Member> members(String courseId, String username) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select u.id, u.username, u.display_name, u.email, u.student_id, e.section, e.role,
                       e.dropped_at is not null, u.password_hash is not null,
                       (select string_agg(t.section, ',' order by t.section) from ta_section t
                        where t.course_id = e.course_id and t.user_id = u.id)
                from enrolment e join app_user u on u.id = e.user_id
                where e.course_id = ?1 and (?2 = '' or u.username = ?2) order by u.username""")
                .setParameter(1, courseId).setParameter(2, username == null ? "" : username).getResultList();
        List<Member> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<String> limited = r[9] == null ? List.of() : Arrays.asList(((String) r[9]).split(","));
            out.add(new Member(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], Boolean.TRUE.equals(r[7]), Boolean.TRUE.equals(r[8]),
                    limited));
        }
        return out;
    }

    /** A PostgreSQL text[] literal; the values are escaped, never spliced into SQL. */
    private static String array(String[] values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append('"')
                    .append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }
}

package org.tensormark.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The parts of a student export's {@code index.json}, each one query over what the database holds
 * about the student in the given courses. Columns that name other people (who granted, who
 * graded, who submitted for the group) are reduced to what the student's portal shows.
 */
final class StudentIndex {

    private static final String THEIR_TEAMS = "(select team_id from team_member where user_id = ?)";
    private static final String IN_COURSES = "(select id from assignment where course_id = any(?))";

    private final Connection c;
    private final Student student;
    private final String[] courses;
    private List<Object> handinIds;

    StudentIndex(Connection c, Student student, String[] courses) {
        this.c = c;
        this.student = student;
        this.courses = courses;
    }

    Map<String, Object> account(boolean whole) throws SQLException {
        Map<String, Object> account = Rows.list(c, "select id, username, display_name as \"displayName\", email,"
                + " created_at as \"createdAt\", admin, anonymised_at as \"anonymisedAt\", (password_hash is not null)"
                + " as \"hasPassword\" from app_user where id = ?", student.id()).get(0);
        if (!whole) {
            account.remove("admin");
            account.remove("hasPassword");
        }
        return account;
    }

    List<Map<String, Object>> enrolments() throws SQLException {
        return Rows.list(c, "select e.course_id as course, c.title, e.role from enrolment e join course c on c.id = e.course_id"
                + " where e.user_id = ? and e.course_id = any(?) order by e.course_id", student.id(), courses);
    }

    List<Map<String, Object>> groups() throws SQLException {
        return Rows.list(c, "select t.id, t.assignment_id as assignment, t.name, m.joined_at as \"joinedAt\","
                + " (select count(*) from team_member o where o.team_id = t.id) as members from team_member m"
                + " join team t on t.id = m.team_id where m.user_id = ? and t.assignment_id in " + IN_COURSES
                + " order by t.id", student.id(), courses);
    }

    /** Their own and their group's hand-ins, each with its files and results. */
    List<Map<String, Object>> handins() throws SQLException {
        List<Map<String, Object>> handins = Rows.list(c, "select s.id, s.assignment_id as assignment,"
                + " s.assignment_version as \"assignmentVersion\", s.received_at as \"receivedAt\", s.team_id as \"groupId\","
                + " case when s.submitter_id = ? then 'you' else 'group member' end as \"submittedBy\", s.chosen"
                + " from submission s where (s.submitter_id = ? or s.team_id in " + THEIR_TEAMS + ")"
                + " and s.assignment_id in " + IN_COURSES + " order by s.received_at, s.id",
                student.id(), student.id(), student.id(), courses);
        for (Map<String, Object> h : handins) {
            String id = (String) h.get("id");
            List<Map<String, Object>> files = Rows.list(c, "select role, filename, sha256, size, purged_at as \"purgedAt\""
                    + " from submission_file where submission_id = ?::uuid order by role", id);
            for (Map<String, Object> f : files) {
                f.put("pathInExport", f.get("purgedAt") != null ? null
                        : "handins/" + id + "/" + f.get("role") + "-" + StudentExport.safeName((String) f.get("filename")));
            }
            h.put("files", files);
            h.put("results", results(id));
        }
        handinIds = StudentExport.ids(handins, "id");
        return handins;
    }

    private List<Map<String, Object>> results(String submissionId) throws SQLException {
        List<Map<String, Object>> results = Rows.list(c, "select r.id, r.outcome, r.raw_points as \"rawPoints\","
                + " r.max_points as \"maxPoints\", r.late_penalty_percent as \"latePenaltyPercent\","
                + " r.late_sentence as \"lateSentence\", r.final_points as \"finalPoints\","
                + " r.override_points as \"overridePoints\", r.override_reason as \"overrideReason\","
                + " r.created_at as \"scoredAt\" from grading_result r where r.submission_id = ?::uuid order by r.id",
                submissionId);
        for (Map<String, Object> r : results) {
            r.put("checks", Rows.list(c, "select k.check_id as \"check\", k.kind, k.visibility, k.points,"
                    + " k.max_points as \"maxPoints\", k.status, " + SHOWN + " then k.summary end as summary, "
                    + SHOWN + " then k.details end as details, k.comment from check_result k"
                    + " join grading_result r on r.id = k.result_id join submission s on s.id = r.submission_id"
                    + " join assignment_version v on v.assignment_id = s.assignment_id and v.version = r.assignment_version"
                    + " where k.result_id = ? order by k.check_id", r.get("id")));
        }
        return results;
    }

    /** Whether the student's portal shows a check's details: visible ones, released hidden ones, after-due ones past due. */
    private static final String SHOWN = "case when k.visibility = 'visible'"
            + " or (k.visibility = 'hidden' and exists (select 1 from hidden_release h where h.assignment_id = s.assignment_id))"
            + " or (k.visibility = 'after_due' and v.due_at < now())";

    List<Map<String, Object>> extensions() throws SQLException {
        return Rows.list(c, "select id, assignment_id as assignment, due_at as \"dueAt\", reason, created_at as \"grantedAt\","
                + " case when user_id is null then 'your group' else 'you' end as \"grantedTo\" from extension"
                + " where (user_id = ? or team_id in " + THEIR_TEAMS + ") and assignment_id in " + IN_COURSES
                + " order by id", student.id(), student.id(), courses);
    }

    List<Map<String, Object>> lateTokens() throws SQLException {
        return Rows.list(c, "select id, course_id as course, assignment_id as assignment, units, created_at as \"spentAt\""
                + " from late_token_use where user_id = ? and course_id = any(?) order by id", student.id(), courses);
    }

    /** API tokens as their owner sees them: never the secret or its hash. */
    List<Map<String, Object>> tokens() throws SQLException {
        return Rows.list(c, "select id, name, prefix, created_at as \"createdAt\", last_used_at as \"lastUsedAt\","
                + " expires_at as \"expiresAt\", revoked_at as \"revokedAt\" from api_token where user_id = ? order by id",
                student.id());
    }

    List<Map<String, Object>> signOnLinks() throws SQLException {
        return Rows.list(c, "select issuer, subject, linked_by as \"linkedBy\", linked_at as \"linkedAt\" from sign_on_link"
                + " where user_id = ? order by id", student.id());
    }

    List<Map<String, Object>> loginSessions() throws SQLException {
        return Rows.list(c, "select created_at as \"createdAt\", expires_at as \"expiresAt\", closed_at as \"closedAt\""
                + " from login_session where user_id = ? order by id", student.id());
    }

    /**
     * Audit entries about the student: their hand-ins, extensions, late tokens and enrolments in
     * the courses; for a whole export also their account, tokens and everything they did.
     * Call after {@link #handins()}.
     */
    List<Map<String, Object>> audit(boolean whole) throws SQLException {
        String id = Long.toString(student.id());
        String about = "(l.entity_type = 'submission' and l.entity_id = any(?))"
                + " or (l.entity_type = 'extension' and l.entity_id in (select id::text from extension"
                + "   where (user_id = ? or team_id in " + THEIR_TEAMS + ") and assignment_id in " + IN_COURSES + "))"
                + " or (l.entity_type = 'late_token_use' and l.entity_id in (select id::text from late_token_use"
                + "   where user_id = ? and course_id = any(?)))"
                + " or (l.entity_type = 'enrolment' and l.entity_id in (select unnest(?::text[]) || '/' || ?))";
        String account = whole ? " or l.actor_id = ? or (l.entity_type = 'user' and l.entity_id = ?)"
                + " or (l.entity_type = 'api_token' and l.entity_id in (select id::text from api_token where user_id = ?))" : "";
        String sql = "select l.id, l.at, l.action, l.entity_type as \"entityType\", l.entity_id as \"entityId\","
                + " case when l.actor_id is null then 'platform' when l.actor_id = ? then 'you' else 'staff or group member'"
                + " end as actor, l.before_state as before, l.after_state as after from audit_log l where " + about + account
                + " order by l.id";
        String[] handins = handinIds.stream().map(Object::toString).toArray(String[]::new);
        Object[] common = {student.id(), handins, student.id(), student.id(), courses, student.id(), courses, courses, id};
        if (!whole) {
            return Rows.list(c, sql, common);
        }
        Object[] all = new Object[common.length + 3];
        System.arraycopy(common, 0, all, 0, common.length);
        all[common.length] = student.id();
        all[common.length + 1] = id;
        all[common.length + 2] = student.id();
        return Rows.list(c, sql, all);
    }
}

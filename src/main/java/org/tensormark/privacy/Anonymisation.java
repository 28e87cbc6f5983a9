package org.tensormark.privacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anonymises one student on request: their name, username and e-mail are replaced, their sign-in
 * means are revoked, the hand-in files they handed in alone are deleted (a group's hand-in is the
 * other members' work too and stays), and every text that names them (audit states, extension
 * reasons, TA comments, their runs' output, group names) is rewritten. Grades, results and
 * statistics stay. Refused while a course of theirs is open unless forced (an admin's decision).
 */
final class Anonymisation {

    static final String NEW_NAME = "Anonymised student";

    private final Connection c;
    private final Path blobRoot;

    Anonymisation(Connection c, Path blobRoot) {
        this.c = c;
        this.blobRoot = blobRoot;
    }

    /** What was done; {@code notDeleted} names blob files that could not be removed. */
    record Outcome(long userId, String pseudonym, int filesRemoved, int blobsDeleted, List<String> openCourses,
            List<String> notDeleted) {
    }

    Outcome run(Student student, boolean force, Long actorId, Instant now) throws SQLException {
        c.setAutoCommit(false);
        try {
            refuseUnlessAnonymisable(student);
            List<String> open = openCourses(student, now);
            if (!open.isEmpty() && !force) {
                throw new PrivacyRefusal(PrivacyRefusal.Kind.CONFLICT, student.username() + " is still in open course(s) "
                        + String.join(", ", open) + " (not ended, or no end date); anonymise after they end,"
                        + " or have an admin force it");
            }
            HandinErasure.Marked marked = HandinErasure.mark(c,
                    HandinErasure.files(c, "s.team_id is null and s.submitter_id = ?", student.id()), now);
            String pseudonym = "anonymised-" + student.id();
            new Redaction(c, Redaction.needles(student, pseudonym)).apply(student.id());
            replaceAccount(student, pseudonym, now);
            audit(student, actorId, pseudonym, force, open, marked);
            c.commit();
            List<String> left = HandinErasure.deleteBlobs(blobRoot, marked.blobs());
            return new Outcome(student.id(), pseudonym, marked.files().size(), marked.blobs().size(), open, left);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void refuseUnlessAnonymisable(Student student) throws SQLException {
        var row = Rows.list(c, "select admin, anonymised_at as \"anonymisedAt\" from app_user where id = ? for update",
                student.id()).get(0);
        if (row.get("anonymisedAt") != null) {
            throw new PrivacyRefusal(PrivacyRefusal.Kind.CONFLICT, "account " + student.username() + " is already anonymised");
        }
        var staff = Rows.list(c, "select course_id from enrolment where user_id = ? and role <> 'student'", student.id());
        if (Boolean.TRUE.equals(row.get("admin")) || !staff.isEmpty()) {
            throw new PrivacyRefusal(PrivacyRefusal.Kind.CONFLICT, student.username()
                    + " is staff (an admin, or a TA or instructor of a course); only students are anonymised");
        }
    }

    private List<String> openCourses(Student student, Instant now) throws SQLException {
        return Rows.list(c, "select c.id from course c join enrolment e on e.course_id = c.id where e.user_id = ?"
                + " and (c.ends_at is null or c.ends_at > ?) order by c.id", student.id(), Timestamp.from(now))
                .stream().map(r -> (String) r.get("id")).toList();
    }

    private void replaceAccount(Student student, String pseudonym, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (var s = c.prepareStatement("update app_user set username = ?, display_name = ?, email = null,"
                + " password_hash = null, anonymised_at = ? where id = ?")) {
            s.setString(1, pseudonym);
            s.setString(2, NEW_NAME);
            s.setTimestamp(3, at);
            s.setLong(4, student.id());
            s.executeUpdate();
        }
        for (String sql : List.of("update api_token set revoked_at = ? where user_id = ? and revoked_at is null",
                "update login_session set closed_at = ? where user_id = ? and closed_at is null")) {
            try (var s = c.prepareStatement(sql)) {
                s.setTimestamp(1, at);
                s.setLong(2, student.id());
                s.executeUpdate();
            }
        }
        try (var s = c.prepareStatement("delete from sign_on_link where user_id = ?")) {
            s.setLong(1, student.id());
            s.executeUpdate();
        }
    }

    private void audit(Student student, Long actorId, String pseudonym, boolean force, List<String> open,
            HandinErasure.Marked marked) throws SQLException {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("anonymisedAs", pseudonym);
        after.put("forced", force && !open.isEmpty());
        after.put("openCourses", open);
        after.put("filesRemoved", marked.files().size());
        after.put("blobsDeleted", marked.blobs().size());
        try (var s = c.prepareStatement("insert into audit_log (actor_id, action, entity_type, entity_id, after_state)"
                + " values (?, 'user.anonymise', 'user', ?, ?::jsonb)")) {
            s.setObject(1, actorId);
            s.setString(2, Long.toString(student.id()));
            s.setString(3, Purge.json(after));
            s.execute();
        }
    }
}

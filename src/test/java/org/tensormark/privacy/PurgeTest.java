package org.tensormark.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class PurgeTest {

    @Inject
    PrivacyCourse course;

    @Test
    void purgeRefusesACourseWithoutARetentionSettingOrThatHasNotEndedOrIsStillWithinRetention() throws Exception {
        course.ensure("ret-refuse");
        String id = PrivacyCourse.handIn("alice", "ret-refuse", "# " + UUID.randomUUID() + "\n");
        try (Connection c = PrivacyCourse.connection()) {
            Purge purge = new Purge(c, PrivacyCourse.blobRoot());
            var none = assertThrows(IllegalArgumentException.class, () -> purge.run("ret-refuse", false, Instant.now()));
            assertTrue(none.getMessage().contains("has no retain_handins_days"), none.getMessage());
            setRetention(c, "ret-refuse", Instant.now().plus(Duration.ofDays(10)), 30);
            var open = assertThrows(IllegalArgumentException.class, () -> purge.run("ret-refuse", false, Instant.now()));
            assertTrue(open.getMessage().contains("has not ended"), open.getMessage());
            setRetention(c, "ret-refuse", Instant.now().minus(Duration.ofDays(10)), 30);
            var kept = assertThrows(IllegalArgumentException.class, () -> purge.run("ret-refuse", false, Instant.now()));
            assertTrue(kept.getMessage().contains("kept 30 days after that"), kept.getMessage());
            assertEquals(2, unpurgedFiles(c, id));
        }
    }

    @Test
    void aDryRunListsWhatWouldGoAndChangesNothing() throws Exception {
        course.ensure("ret-dry");
        String id = PrivacyCourse.handIn("bob", "ret-dry", "# " + UUID.randomUUID() + "\n");
        try (Connection c = PrivacyCourse.connection()) {
            setRetention(c, "ret-dry", Instant.now().minus(Duration.ofDays(40)), 30);
            List<String> before = snapshot(c, id);
            long audits = count(c, "select count(*) from audit_log");
            Purge.Report r = new Purge(c, PrivacyCourse.blobRoot()).run("ret-dry", true, Instant.now());
            assertTrue(r.dryRun());
            assertEquals(2, r.files().stream().filter(f -> f.submissionId().equals(id)).count(), r.toString());
            assertEquals(before, snapshot(c, id), "no row changed");
            assertEquals(audits, count(c, "select count(*) from audit_log"), "nothing audited for a dry run");
            for (var f : r.files()) {
                assertTrue(Files.exists(PrivacyCourse.blob(f.sha256())), "the file is still there: " + f);
            }
        }
    }

    @Test
    void purgeRemovesTheFilesKeepsGradesAndReceiptsAuditsAndThePortalShowsTheHandInAsPurged() throws Exception {
        course.ensure("ret-purge");
        course.ensure("ret-other");
        String shared = "# shared " + UUID.randomUUID() + "\n";
        String id = PrivacyCourse.handIn("carol", "ret-purge", shared);
        String other = PrivacyCourse.handIn("carol", "ret-other", shared);
        String unique = PrivacyCourse.handIn("carol", "ret-purge", "# unique " + UUID.randomUUID() + "\n");
        try (Connection c = PrivacyCourse.connection()) {
            grade(c, id, 7);
            setRetention(c, "ret-purge", Instant.now().minus(Duration.ofDays(400)), 365);
            String codeSha = sha(c, id, "code");
            List<String> results = rows(c, "select r::text from grading_result r where submission_id = '" + id + "'");

            Purge.Report r = new Purge(c, PrivacyCourse.blobRoot()).run("ret-purge", false, Instant.now());

            assertFalse(r.dryRun());
            assertEquals(0, unpurgedFiles(c, id), "every file of the hand-in is purged");
            assertEquals(results, rows(c, "select r::text from grading_result r where submission_id = '" + id + "'"),
                    "the grade survives unchanged");
            assertEquals(codeSha, sha(c, id, "code"), "the receipt's sha256 is kept");
            assertFalse(Files.exists(PrivacyCourse.blob(sha(c, unique, "code"))), "bytes nothing else needs are deleted");
            assertEquals(1, r.blobs(), "only the unique code file's bytes went: " + r);
            assertTrue(Files.exists(PrivacyCourse.blob(codeSha)), "bytes another course's hand-in still has are kept");
            assertTrue(Files.exists(PrivacyCourse.blob(sha(c, other, "code"))));
            String audit = rows(c, "select after_state::text from audit_log where action = 'course.purge'"
                    + " and entity_id = 'ret-purge'").get(0);
            assertTrue(audit.contains(id) && audit.contains(codeSha), audit);
        }
        JsonPath files = TestLogins.as("carol").get("/api/submissions/" + id + "/files").then().statusCode(200)
                .extract().jsonPath();
        assertNotNull(files.getString("find { it.role == 'code' }.purgedAt"), files.prettify());
        assertEquals(shared.length(), files.getInt("find { it.role == 'code' }.size"));
        String gone = TestLogins.as("carol").get("/api/submissions/" + id + "/files/report").then().statusCode(410)
                .extract().path("message");
        assertTrue(gone.contains("retention"), gone);
        TestLogins.as("carol").get("/api/submissions/" + other + "/files/code").then().statusCode(200);
    }

    static void setRetention(Connection c, String courseId, Instant endsAt, int days) throws SQLException {
        try (var s = c.prepareStatement("update course set ends_at = ?, retain_handins_days = ? where id = ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(endsAt));
            s.setInt(2, days);
            s.setString(3, courseId);
            assertEquals(1, s.executeUpdate());
        }
    }

    /** A scored result for the hand-in, as a worker would have recorded it. */
    static void grade(Connection c, String submissionId, double points) throws SQLException {
        long job = count(c, "insert into grading_job (submission_id, purpose, priority, state) values ('" + submissionId
                + "', 'handin', 0, 'done') returning id");
        try (var s = c.prepareStatement("insert into grading_result (job_id, submission_id, assignment_version, outcome,"
                + " raw_points, max_points, late_penalty_percent, late_sentence, final_points, provenance)"
                + " values (?, ?::uuid, 1, 'scored', ?, 10, 0, 'on time', ?, '{}')")) {
            s.setLong(1, job);
            s.setString(2, submissionId);
            s.setDouble(3, points);
            s.setDouble(4, points);
            s.execute();
        }
    }

    private static List<String> snapshot(Connection c, String id) throws SQLException {
        List<String> all = new ArrayList<>();
        all.addAll(rows(c, "select f::text from submission_file f where submission_id = '" + id + "' order by role"));
        all.addAll(rows(c, "select b::text from blob b where sha256 in (select sha256 from submission_file"
                + " where submission_id = '" + id + "') order by sha256"));
        return all;
    }

    private static long unpurgedFiles(Connection c, String id) throws SQLException {
        return count(c, "select count(*) from submission_file where purged_at is null and submission_id = '" + id + "'");
    }

    private static String sha(Connection c, String id, String role) throws SQLException {
        return rows(c, "select sha256 from submission_file where submission_id = '" + id + "' and role = '" + role + "'")
                .get(0);
    }

    static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

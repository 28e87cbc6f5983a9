package org.tensormark.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class AnonymisationTest {

    @Inject
    PrivacyCourse course;

    @Test
    void afterAnonymisationTheStudentsNameAppearsNowhereTheGradesStayAndTheirFilesAreGone() throws Exception {
        course.ensure("pd-anon");
        PrivacyCourse.Person zed = course.student("pd-anon");
        String code = "# " + UUID.randomUUID() + "\n";
        String handin = PrivacyCourse.handIn(zed.username(), "pd-anon", code);
        String firstName = zed.displayName().split(" ")[0];
        String codeSha;
        List<String> grade;
        try (Connection c = PrivacyCourse.connection()) {
            PurgeTest.grade(c, handin, 6);
            try (var s = c.prepareStatement("insert into extension (assignment_id, user_id, due_at, reason, granted_by)"
                    + " values ('pd-anon-a1', ?, now() + interval '3 days', ?, (select id from app_user where username = 'ingrid'))")) {
                s.setLong(1, zed.id());
                s.setString(2, firstName + " was ill; " + zed.email() + " sent a note");
                s.execute();
            }
            try (var s = c.prepareStatement("insert into audit_log (action, entity_type, entity_id, after_state)"
                    + " values ('note', 'course', 'pd-anon', jsonb_build_object('text', ?::text, 'who', ?::text))")) {
                s.setString(1, "Asked about " + zed.displayName());
                s.setString(2, zed.username());
                s.execute();
            }
            codeSha = PurgeTest.rows(c, "select sha256 from submission_file where role = 'code' and submission_id = '"
                    + handin + "'").get(0);
            grade = PurgeTest.rows(c, "select final_points::text from grading_result where submission_id = '" + handin + "'");
        }
        String anonymise = "/api/privacy/students/" + zed.username() + "/anonymise";
        String refused = TestLogins.as("admin").post(anonymise).then().statusCode(409).extract().path("message");
        assertTrue(refused.contains("open course") && refused.contains("pd-anon"), refused);
        TestLogins.as("ingrid").post(anonymise + "?force=true").then().statusCode(403);
        try (Connection c = PrivacyCourse.connection()) {
            PurgeTest.setRetention(c, "pd-anon", Instant.now().minus(Duration.ofDays(1)), 365);
        }

        TestLogins.as("admin").post(anonymise).then().statusCode(200);

        try (Connection c = PrivacyCourse.connection()) {
            for (String table : PurgeTest.rows(c, "select tablename from pg_tables where schemaname = 'public'")) {
                for (String row : PurgeTest.rows(c, "select t::text from public.\"" + table + "\" t")) {
                    String text = row.toLowerCase(Locale.ROOT);
                    for (String trace : List.of(zed.username(), zed.displayName(), zed.email(), firstName)) {
                        assertFalse(text.contains(trace.toLowerCase(Locale.ROOT)), table + " still names them: " + row);
                    }
                }
            }
            assertEquals(grade, PurgeTest.rows(c, "select final_points::text from grading_result where submission_id = '"
                    + handin + "'"), "the grade stays");
            assertEquals(1, PurgeTest.count(c, "select count(*) from submission_file where purged_at is not null"
                    + " and role = 'code' and submission_id = '" + handin + "'"));
            assertEquals(1, PurgeTest.count(c, "select count(*) from audit_log where action = 'user.anonymise'"
                    + " and entity_id = '" + zed.id() + "'"));
        }
        assertFalse(Files.exists(PrivacyCourse.blob(codeSha)), "their hand-in file is deleted");
        String rendered = TestLogins.as("admin").get("/api/audit?entityType=user&entityId=" + zed.id()).then()
                .statusCode(200).extract().asString().toLowerCase(Locale.ROOT);
        assertTrue(rendered.contains("user.anonymise"), rendered);
        for (String trace : List.of(zed.username(), zed.displayName(), zed.email())) {
            assertFalse(rendered.contains(trace.toLowerCase(Locale.ROOT)), "the rendered audit trail names them: " + rendered);
        }
        TestLogins.as(zed.username()).get("/api/me").then().statusCode(401);
        TestLogins.as("admin").post(anonymise).then().statusCode(404);
    }
}

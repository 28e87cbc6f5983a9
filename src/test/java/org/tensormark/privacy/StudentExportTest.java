package org.tensormark.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class StudentExportTest {

    @Inject
    PrivacyCourse course;

    @Test
    void theExportHoldsWhatTheStudentSeesInThePortalAndNothingAboutOtherStudents() throws Exception {
        course.ensure("pd-export");
        PrivacyCourse.Person student = course.student("pd-export");
        PrivacyCourse.Person other = course.student("pd-export");
        String firstCode = "# first " + UUID.randomUUID() + "\n";
        String first = PrivacyCourse.handIn(student.username(), "pd-export", firstCode);
        String second = PrivacyCourse.handIn(student.username(), "pd-export", "# second " + UUID.randomUUID() + "\n");
        String othersCode = "# other " + UUID.randomUUID() + "\n";
        String theirs = PrivacyCourse.handIn(other.username(), "pd-export", othersCode);
        try (Connection c = PrivacyCourse.connection()) {
            PurgeTest.grade(c, first, 8.5);
            PurgeTest.grade(c, theirs, 3);
            try (var s = c.prepareStatement("insert into extension (assignment_id, user_id, due_at, reason, granted_by)"
                    + " values ('pd-export-a1', ?, now() + interval '3 days', 'medical certificate',"
                    + " (select id from app_user where username = 'ingrid'))")) {
                s.setLong(1, student.id());
                s.execute();
            }
        }
        List<String> portal = TestLogins.as(student.username()).get("/api/submissions").then().statusCode(200)
                .extract().jsonPath().getList("id");

        for (String caller : List.of("ingrid", "admin")) {
            byte[] zip = TestLogins.as(caller).get("/api/privacy/students/" + student.username() + "/export").then()
                    .statusCode(200).contentType("application/zip").extract().asByteArray();
            Map<String, byte[]> entries = unzip(zip);
            JsonNode index = Rows.JSON.readTree(entries.get("index.json"));

            assertEquals(student.username(), index.at("/account/username").asText());
            assertEquals(student.email(), index.at("/account/email").asText());
            assertEquals("student", index.at("/enrolments/0/role").asText());
            Set<String> exported = new HashSet<>();
            index.get("handins").forEach(h -> exported.add(h.get("id").asText()));
            assertEquals(new HashSet<>(portal), exported, "every hand-in the portal lists, and only those");
            assertTrue(exported.containsAll(List.of(first, second)));
            JsonNode firstHandin = find(index.get("handins"), first);
            String path = firstHandin.at("/files/0/pathInExport").asText();
            assertArrayEquals(firstCode.getBytes(StandardCharsets.UTF_8), entries.get(path), "the file's exact bytes");
            assertEquals(8.5, firstHandin.at("/results/0/finalPoints").asDouble(), 1e-9);
            assertEquals("medical certificate", index.at("/extensions/0/reason").asText());
            assertTrue(index.get("audit").toString().contains("submission.create"), "the audit entries about them");

            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String text = new String(e.getValue(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                for (String foreign : List.of(other.username(), other.displayName(), other.email(), theirs, othersCode.strip(),
                        "ingrid", "Ingrid Instructor")) {
                    assertFalse(text.contains(foreign.toLowerCase(Locale.ROOT)), e.getKey() + " names " + foreign);
                }
                assertFalse(text.contains("token_hash") || text.contains("password_hash"), e.getKey());
            }
            boolean whole = caller.equals("admin");
            assertEquals(whole, index.has("apiTokens"), "only an admin's export holds the account-wide parts");
            if (whole) {
                assertEquals("tests", index.at("/apiTokens/0/name").asText());
            }
        }
    }

    @Test
    void anInstructorOfNoneOfTheStudentsCoursesLearnsNothingAndAStudentMayNotExport() {
        course.ensure("pd-export-b");
        PrivacyCourse.Person student = course.student("pd-export-b");
        TestLogins.as("alice").get("/api/privacy/students/" + student.username() + "/export").then().statusCode(403);
        TestLogins.as("admin").get("/api/privacy/students/nobody-at-all/export").then().statusCode(404);
    }

    private static JsonNode find(JsonNode handins, String id) {
        for (JsonNode h : handins) {
            if (h.get("id").asText().equals(id)) {
                return h;
            }
        }
        throw new AssertionError("no hand-in " + id + " in " + handins);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}

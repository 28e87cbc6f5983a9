package org.tensormark.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class RosterResourceTest {

    @Inject
    RosterCourse courses;

    @Inject
    EntityManager em;

    @Inject
    MockMailbox mailbox;

    /** A Canvas gradebook export of these students (username, name "Last, First", student id, section). */
    static String canvas(List<String[]> students) {
        StringBuilder csv = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section,A1 (1)\n"
                + "    Points Possible,,,,,10\n");
        int id = 1;
        for (String[] s : students) {
            csv.append('"').append(s[1]).append("\",").append(id++).append(',').append(s[2]).append(',').append(s[0])
                    .append(',').append(s[3]).append(",\n");
        }
        return csv.toString();
    }

    static List<String[]> students(String tag, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new String[] {"stu-" + tag + "-" + i,
                "Last" + i + ", First" + i, "U" + tag + i, i % 2 == 0 ? "A" : "B"}).toList();
    }

    private static JsonPath importCsv(RosterCourse.Made c, String csv, String query, int status) {
        return TestLogins.as(c.instructor()).contentType("text/csv").body(csv)
                .post("/api/courses/" + c.courseId() + "/roster/import" + query)
                .then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath roster(RosterCourse.Made c, String as, String query) {
        return TestLogins.as(as).get("/api/courses/" + c.courseId() + "/roster" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    @Test
    void aCanvasExportWithABadRowIsRefusedWithItsLineNumberAndNothingChanges() {
        RosterCourse.Made c = courses.make();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = canvas(students(tag, 5)).replace("U" + tag + "3,", "U" + tag + "1,");
        JsonPath report = importCsv(c, csv, "", 422);
        assertEquals(false, report.getBoolean("applied"));
        assertEquals(6, report.getInt("errors[0].line"));
        assertTrue(report.getString("errors[0].message").contains("also on line 4"), report.prettify());
        assertEquals(0, count("select count(*) from app_user where username like ?1", "stu-" + tag + "-%"));
        assertEquals(0, count("select count(*) from enrolment where course_id = ?1 and role = 'student'", c.courseId()));
    }

    @Test
    void aCanvasExportEnrolsItsStudentsWithSectionsAndImportingItAgainChangesNothing() {
        RosterCourse.Made c = courses.make();
        String csv = canvas(students(UUID.randomUUID().toString().substring(0, 8), 6));
        JsonPath first = importCsv(c, csv, "", 200);
        assertEquals("canvas", first.getString("format"));
        assertEquals(6, first.getInt("created"));
        JsonPath again = importCsv(c, csv, "", 200);
        assertEquals(List.of(), again.getList("changes"));
        assertEquals(6, again.getInt("unchanged"));
        JsonPath list = roster(c, c.instructor(), "?role=student&section=A");
        assertEquals(3, list.getList("members").size());
        assertEquals(List.of("A", "B"), list.getList("sections"));
        assertEquals(false, list.getBoolean("members[0].hasPassword"));
        assertEquals(6, count("select count(*) from audit_log where action = 'roster.create' and entity_id like ?1",
                c.courseId() + "/%"));
    }

    @Test
    void reimportingUpdatesNamesAndSectionsAndDropsMissingStudentsOnlyWhenAsked() {
        RosterCourse.Made c = courses.make();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String[]> all = students(tag, 4);
        importCsv(c, canvas(all), "", 200);
        List<String[]> changed = List.of(all.get(0), new String[] {all.get(1)[0], "Renamed, Bea", all.get(1)[2], "C"},
                all.get(2));
        JsonPath kept = importCsv(c, canvas(changed), "", 200);
        assertEquals(1, kept.getInt("updated"));
        assertEquals(0, kept.getInt("dropped"));
        assertEquals(Map.of("name", "Bea Renamed", "section", "C"), kept.getMap("changes[0].after"));
        assertEquals(false, roster(c, c.instructor(), "?search=" + all.get(3)[0]).getBoolean("members[0].dropped"));

        JsonPath dropped = importCsv(c, canvas(changed), "?dropMissing=true", 200);
        assertEquals(1, dropped.getInt("dropped"));
        assertEquals(all.get(3)[0], dropped.getString("changes[0].username"));
        assertEquals(true, roster(c, c.instructor(), "?search=" + all.get(3)[0]).getBoolean("members[0].dropped"));
        assertEquals("Bea Renamed", roster(c, c.instructor(), "?search=" + all.get(1)[0]).getString("members[0].name"));
        assertEquals(1, count("select count(*) from audit_log where action = 'roster.drop' and entity_id like ?1",
                c.courseId() + "/%"));
    }

    @Test
    void aMoodleExportAndAPlainFileEnrolWithTheirRolesAndPartialImportSkipsOnlyTheBadRows() {
        RosterCourse.Made c = courses.make();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonPath moodle = importCsv(c, "First name,Surname,ID number,Email address,Roles,Groups\n"
                + "Mia,Moodle,M" + tag + ",mia-" + tag + "@uni.example,Student,Lab 1\n"
                + "Nat,Helper,,nat-" + tag + "@uni.example,Non-editing teacher,\n", "", 200);
        assertEquals("moodle", moodle.getString("format"));
        assertEquals("ta", roster(c, c.instructor(), "?search=nat-" + tag).getString("members[0].role"));
        JsonPath plain = importCsv(c, "username,name,email,student_id,section,role\n"
                + "p1-" + tag + ",Pat One,,,Lab 2,student\n"
                + "p2-" + tag + ",Pat Two,,,,lecturer\n", "?partial=true", 200);
        assertEquals("plain", plain.getString("format"));
        assertEquals(true, plain.getBoolean("applied"));
        assertEquals(1, plain.getInt("created"));
        assertEquals(3, plain.getInt("errors[0].line"));
        assertEquals(List.of("Lab 1", "Lab 2"), roster(c, c.instructor(), "").getList("sections"));
    }

    @Test
    void instructorsEnrolChangeAndDropOneByOneAndADroppedStudentLosesAccessButKeepsTheirHandIn() {
        RosterCourse.Made c = courses.make();
        String student = "one-" + UUID.randomUUID().toString().substring(0, 8);
        TestLogins.as(c.instructor()).contentType(ContentType.JSON)
                .body(Map.of("username", student, "name", "One Student", "section", "A"))
                .post("/api/courses/" + c.courseId() + "/roster").then().statusCode(201);
        TestLogins.as(c.ta()).contentType(ContentType.JSON).body(Map.of("username", "x", "name", "X"))
                .post("/api/courses/" + c.courseId() + "/roster").then().statusCode(403);
        setPassword(c, student);
        String handIn = handIn(c, student);
        TestLogins.as(c.instructor()).contentType(ContentType.JSON).body(Map.of("section", "B"))
                .put("/api/courses/" + c.courseId() + "/roster/" + student).then().statusCode(200);
        TestLogins.as(c.instructor()).delete("/api/courses/" + c.courseId() + "/roster/" + student)
                .then().statusCode(204);
        TestLogins.as(student).get("/api/courses/" + c.courseId() + "/assignments").then().statusCode(404);
        JsonPath book = TestLogins.as(c.instructor()).get("/api/courses/" + c.courseId() + "/gradebook")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, book.getBoolean("find { it.username == '" + student + "' }.dropped"));
        assertEquals("B", book.getString("find { it.username == '" + student + "' }.section"));
        assertEquals(handIn, book.getString("find { it.username == '" + student + "' }.handIns." + c.assignmentId()));
        TestLogins.as(c.instructor()).get("/api/submissions/" + handIn).then().statusCode(200);
    }

    @Test
    void aSetPasswordLinkWorksOnceAndOnlyForAnAccountWithoutAPassword() {
        RosterCourse.Made c = courses.make();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        importCsv(c, canvas(students(tag, 2)), "", 200);
        List<Map<String, Object>> links = TestLogins.as(c.instructor())
                .post("/api/courses/" + c.courseId() + "/roster/password-links").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertEquals(2, links.size(), "the staff have passwords, the two students none: " + links);
        String token = ((String) links.get(0).get("url")).replaceFirst(".*token=", "");
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "password", "a-long-password-1")).post("/api/auth/set-password")
                .then().statusCode(204);
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "password", "another-password-2")).post("/api/auth/set-password")
                .then().statusCode(400);
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("username", links.get(0).get("username"), "password", "a-long-password-1"))
                .post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void theServerMailsEachPersonTheirSetPasswordLinkWhenAskedAndTheMailedLinkWorks() {
        RosterCourse.Made c = courses.make();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        importCsv(c, "username,name,email,student_id,section,role\n"
                + "mail-" + tag + ",Mia Mail,mia-" + tag + "@example.edu,M1,A,student\n"
                + "nomail-" + tag + ",Noa Nomail,,M2,A,student\n", "", 200);
        List<Map<String, Object>> links = TestLogins.as(c.instructor())
                .post("/api/courses/" + c.courseId() + "/roster/password-links?email=true").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertEquals(List.of(true, false), links.stream().map(l -> l.get("emailed")).toList(),
                "mailed to the student with an address, listed for the other: " + links);
        List<Mail> sent = mailbox.getMailsSentTo("mia-" + tag + "@example.edu");
        assertEquals(1, sent.size());
        assertEquals("tensormark@localhost", sent.get(0).getFrom());
        String url = (String) links.get(0).get("url");
        assertTrue(sent.get(0).getText().contains(url), sent.get(0).getText());
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("token", url.replaceFirst(".*token=", ""), "password", "mailed-password-1"))
                .post("/api/auth/set-password").then().statusCode(204);
        assertTrue(TestLogins.as(c.instructor()).post("/api/courses/" + c.courseId() + "/roster/password-links")
                .then().statusCode(200).extract().jsonPath().getList("emailed").stream().allMatch(e -> e == null),
                "exporting the links mails nobody");
        assertEquals(1, mailbox.getMailsSentTo("mia-" + tag + "@example.edu").size());
    }

    @Test
    void aTaLimitedToASectionSeesOnlyItsStudentsInTheRosterGradebookOverviewAndHandIns() {
        RosterCourse.Made c = courses.make();
        List<String[]> all = students(UUID.randomUUID().toString().substring(0, 8), 4);
        importCsv(c, canvas(all), "", 200);
        all.forEach(s -> setPassword(c, s[0]));
        String inA = handIn(c, all.get(0)[0]);
        String inB = handIn(c, all.get(1)[0]);
        TestLogins.as(c.instructor()).contentType(ContentType.JSON).body(Map.of("sections", List.of("A")))
                .put("/api/courses/" + c.courseId() + "/roster/" + c.ta() + "/sections").then().statusCode(200);

        JsonPath roster = roster(c, c.ta(), "?role=student");
        assertEquals(List.of(all.get(0)[0], all.get(2)[0]), roster.getList("members.username"));
        List<String> book = TestLogins.as(c.ta()).get("/api/courses/" + c.courseId() + "/gradebook")
                .then().statusCode(200).extract().jsonPath().getList("username");
        assertEquals(List.of(all.get(0)[0], all.get(2)[0]), book);
        JsonPath overview = TestLogins.as(c.ta()).get("/api/assignments/" + c.assignmentId() + "/overview")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, overview.getInt("students"));
        assertEquals(1, overview.getInt("handedIn"));
        assertEquals(List.of(inA), TestLogins.as(c.ta()).get("/api/assignments/" + c.assignmentId() + "/submissions")
                .then().statusCode(200).extract().jsonPath().getList("id"));
        TestLogins.as(c.ta()).get("/api/submissions/" + inA).then().statusCode(200);
        TestLogins.as(c.ta()).get("/api/submissions/" + inB).then().statusCode(404);
        assertEquals(4, TestLogins.as(c.instructor()).get("/api/courses/" + c.courseId() + "/gradebook")
                .then().statusCode(200).extract().jsonPath().getList("username").size());
        assertEquals(2, TestLogins.as(c.instructor()).get("/api/assignments/" + c.assignmentId() + "/overview")
                .then().statusCode(200).extract().jsonPath().getInt("handedIn"));
    }

    @Test
    void aTaLimitedToASectionRegradesOnlyThatSectionsHandInsWhenRegradingTheAssignment() {
        RosterCourse.Made c = courses.make();
        List<String[]> all = students(UUID.randomUUID().toString().substring(0, 8), 2);
        importCsv(c, canvas(all), "", 200);
        all.forEach(s -> setPassword(c, s[0]));
        String inA = handIn(c, all.get(0)[0]);
        String inB = handIn(c, all.get(1)[0]);
        for (String id : List.of(inA, inB)) {
            int status = TestLogins.as(c.instructor()).post("/api/submissions/" + id + "/cancel").statusCode();
            assertTrue(status == 204 || status == 409, "cancelling the hand-in's first grading answered " + status);
        }
        TestLogins.as(c.instructor()).contentType(ContentType.JSON).body(Map.of("sections", List.of("A")))
                .put("/api/courses/" + c.courseId() + "/roster/" + c.ta() + "/sections").then().statusCode(200);

        assertEquals(1, TestLogins.as(c.ta()).post("/api/assignments/" + c.assignmentId() + "/regrade")
                .then().statusCode(202).extract().jsonPath().getInt("queued"));
        String regrades = "select count(*) from grading_job where submission_id = cast(?1 as uuid) and purpose = 'regrade'";
        assertEquals(1, count(regrades, inA), "the TA's own section's hand-in is regraded");
        assertEquals(0, count(regrades, inB), "the other section's hand-in is left alone");
        assertEquals(1, TestLogins.as(c.instructor()).post("/api/assignments/" + c.assignmentId() + "/regrade")
                .then().statusCode(202).extract().jsonPath().getInt("queued"), "the instructor regrades the rest");
    }

    /** Gives a roster-made account the password {@code <username>-demo} through its set-password link. */
    static void setPassword(RosterCourse.Made c, String username) {
        List<Map<String, Object>> links = TestLogins.as(c.instructor())
                .post("/api/courses/" + c.courseId() + "/roster/password-links").then().statusCode(200)
                .extract().jsonPath().getList("");
        String url = links.stream().filter(l -> username.equals(l.get("username"))).findFirst()
                .map(l -> (String) l.get("url")).orElseThrow();
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("token", url.replaceFirst(".*token=", ""), "password", username + "-demo"))
                .post("/api/auth/set-password").then().statusCode(204);
    }

    static String handIn(RosterCourse.Made c, String username) {
        return TestLogins.as(username).multiPart("code", "net.py", "x = 1\n".getBytes())
                .post("/api/assignments/" + c.assignmentId() + "/submissions").then().statusCode(201)
                .extract().path("submissionId");
    }
}

package org.tensormark.client;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.Worker;
import org.tensormark.identity.TestLogins;
import org.tensormark.roster.RosterCourse;

/**
 * The term, end to end against the server: a 300-student Canvas roster, 20 hand-ins,
 * and then the CLI only — download (interrupted and resumed), manual grades (a file with one
 * bad row refused whole, then the good one), an extension, and the gradebook in every format,
 * each export checked against the database.
 */
@QuarkusTest
class TaTermEndToEndTest {

    private static final int STUDENTS = 300;
    private static final int HANDINS = 20;

    @TestHTTPResource("/")
    URL server;

    @Inject
    RosterCourse courses;

    @Inject
    Worker worker;

    @Inject
    EntityManager em;

    @Test
    void aTermRunsThroughTheCliFromRosterToGradebookAndEveryExportMatchesTheDatabase() throws Exception {
        RosterCourse.Made c = courses.make();
        String tag = c.courseId().substring("roster-".length());
        Path instructor = CliRun.loggedIn(server, c.instructor());
        List<String> students = importCanvasRoster(instructor, c, tag);
        Map<String, String> handIns = handIn(instructor, c, students.subList(0, HANDINS));

        Path ta = CliRun.loggedIn(server, c.ta());
        downloadInterruptedAndResumed(ta, c, handIns);
        Map<String, Integer> grades = manualGrades(ta, c, handIns);

        String late = students.get(0);
        CliRun extension = CliRun.run(instructor, "", "extension", "grant", c.assignmentId(), late,
                "2030-01-31T23:59:00Z", "--reason", "medical certificate");
        assertEquals(0, extension.code(), extension.err());
        assertEquals(1L, scalar("select count(*) from extension x join app_user u on u.id = x.user_id"
                + " where x.assignment_id = ?1 and u.username = ?2 and x.due_at = timestamptz '2030-01-31 23:59:00+00'"
                + " and x.reason = 'medical certificate'", c.assignmentId(), late));

        for (String format : List.of("generic", "canvas", "moodle")) {
            exportMatchesTheDatabase(ta, c, format, students, handIns, grades);
        }
    }

    /** A Canvas gradebook export: its "Points Possible" row, 300 students in three sections. */
    private List<String> importCanvasRoster(Path instructor, RosterCourse.Made c, String tag) throws IOException {
        StringBuilder csv = new StringBuilder("Student,ID,SIS User ID,SIS Login ID,Section,Assignment 1 (101)\n"
                + "    Points Possible,,,,,10\n");
        List<String> students = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            String username = String.format("s%03d-%s", i, tag);
            students.add(username);
            csv.append(String.format("\"Student%03d, Sam\",%d,U%07d,%s,T0%d,\n", i, 1000 + i, i, username, i % 3 + 1));
        }
        Path file = Files.writeString(Files.createTempFile("canvas", ".csv"), csv);
        CliRun imported = CliRun.run(instructor, "", "roster", "import", c.courseId(), file.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("canvas roster: 300 new accounts"), imported.out());
        assertEquals((long) STUDENTS, scalar("select count(*) from enrolment where course_id = ?1 and role = 'student'",
                c.courseId()));
        return students;
    }

    /** The students set a password through the links the instructor exported, and hand in; a worker scores them. */
    private Map<String, String> handIn(Path instructor, RosterCourse.Made c, List<String> who) throws Exception {
        CliRun links = CliRun.run(instructor, "", "roster", "password-links", c.courseId());
        assertEquals(0, links.code(), links.err());
        Map<String, String> tokens = new HashMap<>();
        links.out().lines().skip(1).map(Csv::read).map(rows -> rows.get(0))
                .forEach(r -> tokens.put(r.get(0), r.get(3).substring(r.get(3).indexOf("token=") + "token=".length())));
        Map<String, String> handIns = new LinkedHashMap<>();
        for (String student : who) {
            given().contentType(ContentType.JSON).body(Map.of("token", tokens.get(student), "password", student + "-demo"))
                    .post("/api/auth/set-password").then().statusCode(204);
            handIns.put(student, TestLogins.as(student).multiPart("code", "net.py", code(student))
                    .post("/api/assignments/" + c.assignmentId() + "/submissions").then().statusCode(201).extract()
                    .path("submissionId"));
        }
        worker.start(2);
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            while (scored(handIns) < HANDINS) {
                if (System.currentTimeMillis() > deadline) {
                    fail(scored(handIns) + " of " + HANDINS + " hand-ins scored after 90 s");
                }
                Thread.sleep(250);
            }
        } finally {
            worker.stop();
        }
        return handIns;
    }

    private static byte[] code(String student) {
        return ("# " + student + "\ndef forward(x):\n    return x\n" + "# ...\n".repeat(student.length() * 40))
                .getBytes(StandardCharsets.UTF_8);
    }

    private long scored(Map<String, String> handIns) {
        return handIns.values().stream().filter(id -> scalar("select count(*) from grading_result where submission_id = ?1",
                UUID.fromString(id)) > 0).count();
    }

    private void downloadInterruptedAndResumed(Path ta, RosterCourse.Made c, Map<String, String> handIns)
            throws IOException {
        Path dir = Files.createTempDirectory("term").resolve("handins");
        CliRun first = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString());
        assertEquals(0, first.code(), first.err());
        List<Path> files = files(dir);
        assertEquals(HANDINS, files.size(), files.toString());
        // interrupted: two files half-written to their .part, three never started
        List<String> students = new ArrayList<>(handIns.keySet());
        for (int i = 0; i < 5; i++) {
            Path file = dir.resolve(students.get(i)).resolve(handIns.get(students.get(i))).resolve("net.py");
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            if (i < 2) {
                Files.write(file.resolveSibling("net.py.part"), Arrays.copyOf(bytes, bytes.length / 3));
            }
        }
        CliRun resumed = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString(), "--json");
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, Object> summary = Session.map(Json.parse(resumed.out()));
        assertEquals(15, ((Number) summary.get("present")).intValue(), resumed.out());
        assertEquals(5, ((Number) summary.getOrDefault("downloaded", 0)).intValue()
                + ((Number) summary.getOrDefault("resumed", 0)).intValue(), resumed.out());
        for (Map.Entry<String, String> h : handIns.entrySet()) {
            assertEquals(new String(code(h.getKey()), StandardCharsets.UTF_8),
                    Files.readString(dir.resolve(h.getKey()).resolve(h.getValue()).resolve("net.py")));
        }
        assertEquals(HANDINS, files(dir).size(), "no .part is left: " + files(dir));
    }

    /** Points per student; a file with one row over the maximum changes nothing, the good one grades all. */
    private Map<String, Integer> manualGrades(Path ta, RosterCourse.Made c, Map<String, String> handIns)
            throws IOException {
        CliRun template = CliRun.run(ta, "", "manual-grades", "template", c.assignmentId());
        assertEquals(0, template.code(), template.err());
        List<String> rows = template.out().lines().toList();
        assertEquals(HANDINS + 1, rows.size(), template.out());
        Map<String, Integer> grades = new LinkedHashMap<>();
        StringBuilder good = new StringBuilder(rows.get(0) + "\n");
        for (String row : rows.subList(1, rows.size())) {
            String student = row.split(",")[0];
            grades.put(student, grades.size() % 11);
            good.append(student).append(",review,").append(grades.get(student)).append(",\"fine, mostly\"\n");
        }
        Path bad = Files.writeString(Files.createTempFile("grades", ".csv"), good + grades.keySet().iterator().next()
                + ",review,11,\n");
        CliRun refused = CliRun.run(ta, "", "manual-grades", "upload", c.assignmentId(), bad.toString(), "--apply");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("line " + (HANDINS + 2) + ": 11 points is outside 0..10"), refused.err());
        assertEquals(0L, graded(handIns), "a refused file changes nothing");

        Path file = Files.writeString(Files.createTempFile("grades", ".csv"), good);
        CliRun dryRun = CliRun.run(ta, "", "manual-grades", "upload", c.assignmentId(), file.toString());
        assertEquals(0, dryRun.code(), dryRun.err());
        assertEquals(0L, graded(handIns), "the default is a dry run");
        CliRun applied = CliRun.run(ta, "", "manual-grades", "upload", c.assignmentId(), file.toString(), "--apply");
        assertEquals(0, applied.code(), applied.err());
        assertEquals((long) HANDINS, graded(handIns));
        return grades;
    }

    private long graded(Map<String, String> handIns) {
        return handIns.values().stream().filter(id -> scalar("select count(*) from check_result k join grading_result r"
                + " on r.id = k.result_id where r.submission_id = ?1 and k.graded_by is not null", UUID.fromString(id)) > 0)
                .count();
    }

    private void exportMatchesTheDatabase(Path ta, RosterCourse.Made c, String format, List<String> students,
            Map<String, String> handIns, Map<String, Integer> grades) throws IOException {
        Path file = Files.createTempFile("gradebook-" + format, ".csv");
        CliRun export = CliRun.run(ta, "", "gradebook", "export", c.courseId(), "--format", format, "--per-check",
                "--output", file.toString());
        assertEquals(0, export.code(), export.err());
        List<List<String>> rows = Csv.read(Files.readString(file));
        List<String> header = rows.get(0);
        String a = c.assignmentId();
        int username = format.equals("canvas") ? 1 : 0;
        int points = header.indexOf(a);
        int penalty = header.indexOf(a + " late penalty %");
        int review = header.indexOf(a + ": review");
        assertTrue(points > 0 && penalty > 0 && review > 0, format + ": " + header);
        assertEquals(STUDENTS, rows.size() - 1, format);
        for (List<String> row : rows.subList(1, rows.size())) {
            String student = row.get(username);
            assertTrue(students.contains(student), format + ": " + row);
            if (!handIns.containsKey(student)) {
                assertEquals(List.of("", "", ""), List.of(row.get(points), row.get(penalty), row.get(review)), format);
                continue;
            }
            Object[] db = (Object[]) em.createNativeQuery("select r.final_points, r.late_penalty_percent, k.points"
                    + " from grading_result r join check_result k on k.result_id = r.id and k.check_id = 'review'"
                    + " where r.submission_id = ?1 order by r.id desc limit 1")
                    .setParameter(1, UUID.fromString(handIns.get(student))).getSingleResult();
            assertEquals(((Number) db[0]).doubleValue(), Double.parseDouble(row.get(points)), format + " " + student);
            assertEquals(((Number) db[1]).doubleValue(), Double.parseDouble(row.get(penalty)), format + " " + student);
            assertEquals(((Number) db[2]).doubleValue(), Double.parseDouble(row.get(review)), format + " " + student);
            assertEquals(grades.get(student).doubleValue(), Double.parseDouble(row.get(review)), format + " " + student);
        }
    }

    private long scalar(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

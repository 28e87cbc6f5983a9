package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.TestLogins;
import org.tensormark.roster.RosterCourse;

/** {@code handins download}, {@code regrade}, {@code rescore} and {@code release-hidden} against a test server. */
@QuarkusTest
class ClientHandinsTest {

    @TestHTTPResource("/")
    URL server;

    @Inject
    RosterCourse courses;

    @Inject
    Accounts accounts;

    private String student(RosterCourse.Made c, String name) {
        String username = name + "-" + c.courseId().substring("roster-".length());
        accounts.enrol(accounts.create(username, name, username + "-demo", false).id, c.courseId(), CourseRole.STUDENT);
        return username;
    }

    private static String handIn(RosterCourse.Made c, String student, String code) {
        return TestLogins.as(student).multiPart("code", "net.py", code.getBytes(StandardCharsets.UTF_8))
                .post("/api/assignments/" + c.assignmentId() + "/submissions").then().statusCode(201).extract()
                .path("submissionId");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void handinsDownloadMakesAStudentSubmissionTreeAndAnInterruptedRunFinishesWithoutRefetchingGoodFiles()
            throws IOException {
        RosterCourse.Made c = courses.make();
        String ann = student(c, "ann");
        String ben = student(c, "ben");
        String first = handIn(c, ann, "def forward(x):\n    return x\n");
        String second = handIn(c, ann, "def forward(x):\n    return 2 * x\n" + "# padding\n".repeat(500));
        String bens = handIn(c, ben, "def forward(x):\n    return -x\n");
        Path ta = CliRun.loggedIn(server, c.ta());
        Path dir = Files.createTempDirectory("handins").resolve("a1");

        CliRun all = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(List.of(dir.resolve(ann).resolve(first).resolve("net.py"), dir.resolve(ann).resolve(second)
                .resolve("net.py"), dir.resolve(ben).resolve(bens).resolve("net.py")).stream().sorted().toList(), files(dir));
        assertTrue(all.err().contains("3/3 "), all.err());
        Path big = dir.resolve(ann).resolve(second).resolve("net.py");
        byte[] bigBytes = Files.readAllBytes(big);

        // an interrupted run: one file half-written to its .part, one damaged, one never started
        Files.write(big.resolveSibling("net.py.part"), Arrays.copyOf(bigBytes, bigBytes.length / 2));
        Files.delete(big);
        Files.writeString(dir.resolve(ann).resolve(first).resolve("net.py"), "damaged");
        Files.delete(dir.resolve(ben).resolve(bens).resolve("net.py"));
        CliRun resumed = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString(), "--json");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("\"files\":3"), resumed.out());
        assertArrayEquals(bigBytes, Files.readAllBytes(big));
        assertEquals("def forward(x):\n    return x\n", Files.readString(dir.resolve(ann).resolve(first).resolve("net.py")));
        assertEquals(3, files(dir).size(), "no .part is left behind: " + files(dir));

        CliRun again = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString());
        assertTrue(again.out().endsWith("0 downloaded, 0 resumed, 3 already there\n"), again.out());
    }

    @Test
    void handinsDownloadNarrowsToOneStudentAndToTheHandinsThatCount() throws IOException {
        RosterCourse.Made c = courses.make();
        String ann = student(c, "ann");
        String ben = student(c, "ben");
        handIn(c, ann, "x = 1\n");
        String last = handIn(c, ann, "x = 2\n");
        handIn(c, ben, "x = 3\n");
        Path ta = CliRun.loggedIn(server, c.ta());
        Path dir = Files.createTempDirectory("handins");
        CliRun one = CliRun.run(ta, "", "handins", "download", c.assignmentId(), "--dir", dir.toString(), "--student", ann,
                "--counted-only");
        assertEquals(0, one.code(), one.err());
        assertEquals(List.of(dir.resolve(ann).resolve(last).resolve("net.py")), files(dir));
    }

    @Test
    void staffRegradeAHandinOrAnAssignmentAndOnlyTheInstructorReleasesHiddenChecks() throws IOException {
        RosterCourse.Made c = courses.make();
        String handIn = handIn(c, student(c, "ann"), "x = 1\n");
        Path ta = CliRun.loggedIn(server, c.ta());
        CliRun one = CliRun.run(ta, "", "regrade", handIn, "--json");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("{\"jobId\":"), one.out());
        CliRun all = CliRun.run(ta, "", "regrade", c.assignmentId());
        assertEquals(0, all.code(), all.err());
        assertEquals("0 hand-in(s) of " + c.assignmentId() + " queued for a regrade (behind students' new hand-ins)\n",
                all.out(), "the hand-in already waiting is not queued twice");
        CliRun refused = CliRun.run(ta, "", "release-hidden", c.assignmentId());
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("tensormark release-hidden: 403"), refused.err());
        Path instructor = CliRun.loggedIn(server, c.instructor());
        assertEquals(0, CliRun.run(instructor, "", "release-hidden", c.assignmentId()).code());
        CliRun rescore = CliRun.run(instructor, "", "rescore", c.assignmentId());
        assertEquals(0, rescore.code(), rescore.err());
        assertTrue(rescore.out().startsWith("No rescore yet"), rescore.out());
        assertEquals(2, CliRun.run(instructor, "", "rescore", c.assignmentId(), "--publish", "latest").code());
    }

    @Test
    void theGradebookExportHasALatePenaltyColumnPerAssignmentInEveryFormatAndAColumnPerCheckWhenAsked()
            throws IOException {
        RosterCourse.Made c = courses.make();
        Path ta = CliRun.loggedIn(server, c.ta());
        for (String format : List.of("generic", "canvas", "moodle")) {
            String header = CliRun.run(ta, "", "gradebook", "export", c.courseId(), "--format", format).out().lines()
                    .findFirst().orElseThrow();
            assertTrue(header.endsWith("," + c.assignmentId() + "," + c.assignmentId() + " late penalty %"), header);
            String perCheck = CliRun.run(ta, "", "gradebook", "export", c.courseId(), "--format", format, "--per-check")
                    .out().lines().findFirst().orElseThrow();
            assertTrue(perCheck.endsWith(" late penalty %," + c.assignmentId() + ": review"), perCheck);
        }
        assertFalse(CliRun.run(ta, "", "gradebook", "export", c.courseId(), "--format", "excel").code() == 0);
    }
}

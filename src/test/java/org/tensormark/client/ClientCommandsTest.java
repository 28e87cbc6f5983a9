package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.roster.RosterCourse;

/** The TA's client against a running test server, called in-process with its own terminal and config file. */
@QuarkusTest
class ClientCommandsTest {

    @TestHTTPResource("/")
    URL server;

    @Inject
    RosterCourse courses;

    /** What one command printed and its exit code. */
    record Ran(int code, String out, String err) {
    }

    private static Ran run(Path config, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientMain.run(args, new Session.Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(stdin)),
                Map.of("TENSORMARK_CONFIG", config.toString())));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path loggedIn(String username) throws IOException {
        Path config = Files.createTempDirectory("tm-client").resolve("tensormark").resolve("config.json");
        Ran login = run(config, "", "login", server.toString(), "--token", TestLogins.token(username));
        assertEquals(0, login.code(), login.err());
        return config;
    }

    @Test
    void loginWithAPasswordStoresTheTokenInAFileOnlyItsOwnerMayReadAndWhoamiAnswers() throws IOException {
        RosterCourse.Made c = courses.make();
        Path config = Files.createTempDirectory("tm-client").resolve("tensormark").resolve("config.json");
        Ran login = run(config, c.ta() + "-demo\n", "login", server.toString(), "--username", c.ta(), "--password-stdin");
        assertEquals(0, login.code(), login.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())));
        Ran who = run(config, "", "whoami");
        assertEquals(0, who.code(), who.err());
        assertTrue(who.out().contains(c.ta()) && who.out().contains(c.courseId()), who.out());
        Ran json = run(config, "", "whoami", "--json");
        assertTrue(json.out().startsWith("{\"id\":"), json.out());
        assertEquals(0, run(config, "", "logout").code());
        Ran after = run(config, "", "whoami");
        assertEquals(1, after.code());
        assertTrue(after.err().contains("run tensormark login"), after.err());
    }

    @Test
    void aRevokedOrWrongTokenIsOneLineSaying401AndRunLoginWithExitCodeOne() throws IOException {
        Path config = loggedIn("alice");
        Files.writeString(config, "{\"server\":\"" + server + "\",\"token\":\"tm_not-a-token\",\"username\":\"alice\"}");
        Ran who = run(config, "", "whoami");
        assertEquals(1, who.code());
        assertEquals("tensormark whoami: 401: token expired or revoked — run tensormark login\n", who.err());
    }

    @Test
    void aWrongCommandLineExitsTwoAndHelpShowsAnExample() throws IOException {
        Path config = loggedIn("alice");
        assertEquals(2, run(config, "", "no-such-command").code());
        assertEquals(2, run(config, "", "assignments").code());
        Ran help = run(config, "", "roster", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("example:\n  tensormark roster import"), help.out());
    }

    @Test
    void anInstructorImportsARosterAndABadFileChangesNothing() throws IOException {
        RosterCourse.Made c = courses.make();
        Path config = loggedIn(c.instructor());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path good = Files.writeString(Files.createTempFile("roster", ".csv"), "username,name,email,student_id,section,role\n"
                + "a-" + tag + ",Ann A,,,A,\nb-" + tag + ",Ben B,,,B,\n");
        Path bad = Files.writeString(Files.createTempFile("roster", ".csv"), "username,name,email,student_id,section,role\n"
                + "c-" + tag + ",Cy C,,,A,\nd-" + tag + ",Di D,nope,,B,\n");
        Ran refused = run(config, "", "roster", "import", c.courseId(), bad.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.out().contains("line 3: 'nope' is not an email address"), refused.out());
        Ran imported = run(config, "", "roster", "import", c.courseId(), good.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("plain roster: 2 new accounts"), imported.out());
        Ran list = run(config, "", "roster", "list", c.courseId(), "--role", "student");
        assertEquals(List.of("a-" + tag, "b-" + tag), list.out().lines().skip(1).filter(l -> !l.startsWith("counts"))
                .map(l -> l.split(" ")[0]).toList());
        assertEquals(0, run(config, "", "roster", "limit", c.courseId(), c.ta(), "A").code());
        assertEquals(0, run(config, "", "roster", "drop", c.courseId(), "b-" + tag).code());
        assertTrue(run(config, "", "roster", "list", c.courseId(), "--search", "b-" + tag).out().contains("dropped"));
    }

    @Test
    void aTaLimitedToASectionExportsAGradebookOfThatSectionOnlyInEveryFormat() throws IOException {
        RosterCourse.Made c = courses.make();
        Path instructor = loggedIn(c.instructor());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(Files.createTempFile("roster", ".csv"), "username,name,email,student_id,section,role\n"
                + "a-" + tag + ",Ann A,,,A,\nb-" + tag + ",Ben B,,,B,\n");
        assertEquals(0, run(instructor, "", "roster", "import", c.courseId(), file.toString()).code());
        assertEquals(0, run(instructor, "", "roster", "limit", c.courseId(), c.ta(), "A").code());
        Path ta = loggedIn(c.ta());
        for (String format : List.of("generic", "canvas", "moodle")) {
            Ran export = run(ta, "", "gradebook", "export", c.courseId(), "--format", format);
            assertEquals(0, export.code(), export.err());
            assertTrue(export.out().contains("a-" + tag) && !export.out().contains("b-" + tag), format + ": " + export.out());
            assertEquals(2, export.out().lines().count(), export.out());
        }
        Ran status = run(ta, "", "status", c.assignmentId(), "--json");
        assertTrue(status.out().contains("\"students\":1"), status.out());
    }

    @Test
    void manualGradesUploadIsADryRunThatRefusesTheWholeFileOverOneBadRow() throws IOException {
        RosterCourse.Made c = courses.make();
        Path ta = loggedIn(c.ta());
        Ran template = run(ta, "", "manual-grades", "template", c.assignmentId());
        assertEquals("student,check,points,comment\n", template.out());
        Path grades = Files.writeString(Files.createTempFile("grades", ".csv"),
                "student,check,points,comment\nnobody,review,3,\n");
        Ran upload = run(ta, "", "manual-grades", "upload", c.assignmentId(), grades.toString(), "--apply");
        assertEquals(1, upload.code());
        assertTrue(upload.err().contains("line 2: 'nobody' has no hand-in"), upload.err());
    }
}

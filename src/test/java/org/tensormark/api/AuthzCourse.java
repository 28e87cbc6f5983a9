package org.tensormark.api;

import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * The course the access matrix runs against, apart from every other test's: an open individual
 * assignment, a group assignment where alice's group has handed in, and one where nobody has a
 * group yet. The demo accounts are enrolled; besides them an instructor of another course only,
 * and a user of no course. Made once per test run, with the things the matrix's paths name.
 */
@ApplicationScoped
class AuthzCourse {

    static final String COURSE = "authz";
    static final String OPEN = "authz-open";
    static final String GROUP = "authz-group";
    static final String NEW_GROUPS = "authz-new-groups";
    static final String OTHER_INSTRUCTOR = "ivan";
    static final String OUTSIDER = "outsider";
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final AssignmentSync sync;
    private final DemoAccounts demo;
    private final Accounts accounts;
    private AccessMatrix.Subjects subjects;

    AuthzCourse(AssignmentSync sync, DemoAccounts demo, Accounts accounts) {
        this.sync = sync;
        this.demo = demo;
        this.accounts = accounts;
    }

    synchronized AccessMatrix.Subjects subjects() {
        if (subjects == null) {
            syncCourses();
            demo.ensure();
            ensureAccount(OTHER_INSTRUCTOR, "Ivan Elsewhere").ifPresent(id ->
                    accounts.enrol(id, "authz-elsewhere", CourseRole.INSTRUCTOR));
            ensureAccount(OUTSIDER, "Olga Outsider");
            subjects = new AccessMatrix.Subjects(aliceHandIn(), spareToken(), groupThatHandedIn());
        }
        return subjects;
    }

    private void syncCourses() {
        try {
            Path dir = Files.createTempDirectory("authz-course");
            write(dir.resolve("authz.course.yaml"), "id: authz\ntitle: Access tests\ntime_zone: Asia/Singapore\n");
            write(dir.resolve("authz-elsewhere.course.yaml"), "id: authz-elsewhere\ntitle: Another course\n"
                    + "time_zone: Asia/Singapore\n");
            assignment(dir, OPEN, "");
            assignment(dir, GROUP, "group: {max_size: 3}\nleaderboard: {seed: 5, size: 20}\n");
            assignment(dir, NEW_GROUPS, "group: {max_size: 3}\n");
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The new account's id, or nothing when it existed already. */
    private Optional<Long> ensureAccount(String username, String name) {
        if (accounts.byUsername(username).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(accounts.create(username, name, username + "-demo", false).id);
    }

    private static String aliceHandIn() {
        return TestLogins.as("alice").multiPart("code", "net.zip", zipOf("net/__init__.py", "x = 1\n"))
                .multiPart("report", "r.pdf", PDF).post("/api/assignments/" + OPEN + "/submissions")
                .then().statusCode(201).extract().path("submissionId");
    }

    private static long spareToken() {
        return TestLogins.as("alice").contentType(ContentType.JSON).body(Map.of("name", "spare"))
                .post("/api/me/tokens").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String groupThatHandedIn() {
        String code = TestLogins.as("alice").contentType(ContentType.JSON).body(Map.of("name", "Matrix"))
                .post("/api/assignments/" + GROUP + "/group").then().statusCode(201).extract().path("inviteCode");
        TestLogins.as("alice").multiPart("code", "net.py", "x = 1\n".getBytes(StandardCharsets.UTF_8))
                .multiPart("report", "r.pdf", PDF).post("/api/assignments/" + GROUP + "/submissions")
                .then().statusCode(201);
        return code;
    }

    private static void assignment(Path dir, String id, String extra) throws IOException {
        write(dir.resolve(id).resolve("assignment.yaml"), "id: " + id + "\ncourse: authz\ntitle: Access " + id
                + "\nrelease: \"-7d\"\ndue: \"+7d\"\n" + extra
                + "files:\n  - role: code\n    types: [py, zip]\n    max_size: 1MB\n"
                + "  - role: report\n    types: [pdf]\n    max_size: 1MB\n"
                + "checks:\n  - id: review\n    kind: manual\n    points: 10\n    visibility: visible\n");
    }

    private static byte[] zipOf(String name, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

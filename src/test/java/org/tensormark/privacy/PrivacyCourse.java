package org.tensormark.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * Courses of their own for the retention and personal-data tests, so that purging or anonymising
 * touches nothing another test relies on. Each has one open assignment with a manual check; the
 * demo accounts are enrolled.
 */
@ApplicationScoped
class PrivacyCourse {

    private final AssignmentSync sync;
    private final DemoAccounts demo;
    private final Accounts accounts;

    PrivacyCourse(AssignmentSync sync, DemoAccounts demo, Accounts accounts) {
        this.sync = sync;
        this.demo = demo;
        this.accounts = accounts;
    }

    /** Syncs course {@code id} with assignment {@code <id>-a1}, open now. */
    void ensure(String id) {
        try {
            Path dir = Files.createTempDirectory("privacy-course");
            Files.writeString(dir.resolve(id + ".course.yaml"), "id: " + id + "\ntitle: Course " + id + "\n");
            Path a = Files.createDirectories(dir.resolve(id + "-a1"));
            Files.writeString(a.resolve("assignment.yaml"), "id: " + id + "-a1\ncourse: " + id + "\ntitle: First of " + id
                    + "\nrelease: \"-7d\"\ndue: \"+7d\"\nfiles:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                    + "  - role: report\n    types: [pdf]\n    max_size: 1MB\n"
                    + "checks:\n  - id: review\n    kind: manual\n    points: 10\n    visibility: visible\n");
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        demo.ensure();
    }

    /** Hands in {@code code} as {@code net.py} (with a small report) for the user; returns the hand-in id. */
    static String handIn(String user, String course, String code) {
        return TestLogins.as(user).multiPart("code", "net.py", code.getBytes(StandardCharsets.UTF_8))
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/" + course + "-a1/submissions").then().statusCode(201).extract().path("submissionId");
    }

    /** A new student account enrolled in {@code course}, with a name and e-mail found nowhere else; password {@code <username>-demo}. */
    Person student(String course) {
        String letters = randomLetters(8);
        String username = "pd" + letters;
        var user = accounts.create(username, "Quorra" + letters + " Vexley" + randomLetters(6), username + "-demo", false);
        accounts.enrol(user.id, course, CourseRole.STUDENT);
        try (Connection c = connection(); var s = c.prepareStatement("update app_user set email = ? where id = ?")) {
            s.setString(1, username + "@students.example.edu");
            s.setLong(2, user.id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Person(user.id, username, user.displayName, username + "@students.example.edu");
    }

    /** A test student's identity. */
    record Person(long id, String username, String displayName, String email) {
    }

    private static String randomLetters(int n) {
        StringBuilder b = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    static Connection connection() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    static Path blobRoot() {
        return Path.of(ConfigProvider.getConfig().getValue("tensormark.storage.blobs", String.class));
    }

    static Path blob(String sha256) {
        return blobRoot().resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}

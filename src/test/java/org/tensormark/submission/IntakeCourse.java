package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;

/**
 * A course for the intake tests, synced once per test run: one assignment of each state a hand-in
 * can meet (open, late, closed, not yet released, tight quota, group work). The demo accounts are
 * enrolled in it.
 */
@ApplicationScoped
public class IntakeCourse {

    static final String COURSE = "intake";

    private final AssignmentSync sync;
    private final DemoAccounts demo;
    private boolean ready;

    IntakeCourse(AssignmentSync sync, DemoAccounts demo) {
        this.sync = sync;
        this.demo = demo;
    }

    public synchronized void ensure() {
        if (ready) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("intake-course");
            write(dir.resolve("intake.course.yaml"), "id: intake\ntitle: Intake tests\ntime_zone: Asia/Singapore\n");
            assignment(dir, "in-open", "-7d", "+7d", 50, "");
            assignment(dir, "in-late", "-7d", "-36h", 50, "");
            assignment(dir, "in-closed", "-20d", "-10d", 50, "");
            assignment(dir, "in-future", "+5d", "+10d", 50, "");
            assignment(dir, "in-quota", "-7d", "+7d", 2, "");
            assignment(dir, "in-group", "-7d", "+7d", 50, "group: {max_size: 2}\n");
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        demo.ensure();
        ready = true;
    }

    private static void assignment(Path dir, String id, String release, String due, int perDay, String extra)
            throws IOException {
        write(dir.resolve(id).resolve("assignment.yaml"), "id: " + id + "\ncourse: intake\ntitle: Test " + id
                + "\nrelease: \"" + release + "\"\ndue: \"" + due + "\"\n" + extra
                + "files:\n  - role: code\n    types: [py, ipynb, zip]\n    max_size: 1MB\n"
                + "  - role: report\n    types: [pdf]\n    max_size: 1MB\n"
                + "handins_per_day: " + perDay + "\n"
                + "checks:\n  - id: review\n    kind: manual\n    points: 10\n    visibility: visible\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

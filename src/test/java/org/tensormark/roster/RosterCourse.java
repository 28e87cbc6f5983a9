package org.tensormark.roster;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;

/**
 * A fresh course for one roster test: an open assignment, an instructor and a TA with passwords
 * ({@code <username>-demo}, as {@link org.tensormark.identity.TestLogins} expects), and nobody else.
 */
@ApplicationScoped
public class RosterCourse {

    /** The course's ids and its staff's usernames. */
    public record Made(String courseId, String assignmentId, String instructor, String ta) {
    }

    private final AssignmentSync sync;
    private final Accounts accounts;

    RosterCourse(AssignmentSync sync, Accounts accounts) {
        this.sync = sync;
        this.accounts = accounts;
    }

    public Made make() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String course = "roster-" + tag;
        String assignment = course + "-a1";
        try {
            Path dir = Files.createTempDirectory("roster-course");
            write(dir.resolve(course + ".course.yaml"), "id: " + course + "\ntitle: Roster test\ntime_zone: UTC\n");
            write(dir.resolve(assignment).resolve("assignment.yaml"), "id: " + assignment + "\ncourse: " + course
                    + "\ntitle: Roster A1\nrelease: \"-7d\"\ndue: \"+7d\"\n"
                    + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                    + "checks:\n  - id: review\n    kind: manual\n    points: 10\n    visibility: visible\n");
            sync.sync(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String instructor = "instr-" + tag;
        String ta = "ta-" + tag;
        accounts.enrol(accounts.create(instructor, "Ines Instructor", instructor + "-demo", false).id, course,
                CourseRole.INSTRUCTOR);
        accounts.enrol(accounts.create(ta, "Theo TA", ta + "-demo", false).id, course, CourseRole.TA);
        return new Made(course, assignment, instructor, ta);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

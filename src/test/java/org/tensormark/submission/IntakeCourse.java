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
 * can meet (open, late, closed, not yet released, tight quota, group work, and ones that
 * only the concurrency tests hand in to). The demo accounts are
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
            write(dir.resolve("intake.course.yaml"), "id: intake\ntitle: Intake tests\ntime_zone: Asia/Singapore\nlate_tokens: 2\n");
            assignment(dir, "in-open", "-7d", "+7d", 50, "");
            assignment(dir, "in-late", "-7d", "-36h", 50, "");
            assignment(dir, "in-closed", "-20d", "-10d", 50, "");
            assignment(dir, "in-future", "+5d", "+10d", 50, "");
            assignment(dir, "in-quota", "-7d", "+7d", 2, "");
            assignment(dir, "in-group", "-7d", "+7d", 50, "group: {max_size: 2}\n");
            assignment(dir, "in-group-race", "-7d", "+7d", 50, "group: {max_size: 3}\n");
            assignment(dir, "in-group-past-due", "-7d", "-36h", 50, "group: {max_size: 3}\n");
            assignment(dir, "in-quota-race", "-7d", "+7d", 5, "");
            assignment(dir, "in-chosen", "-7d", "+7d", 50, "counts: chosen\n");
            assignment(dir, "in-dashboard", "-7d", "+7d", 50, "");
            assignment(dir, "in-tokens", "-7d", "-36h", 50,
                    "late:\n  penalty_per_unit: 5\n  unit: day\n  max_units: 3\n  tokens_allowed: true\n");
            gradedAssignment(dir);
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

    /** An assignment with real checks: tensor (visible and hidden), report and manual. */
    private static void gradedAssignment(Path dir) throws IOException {
        String open = GRADED.replace("ID", "in-graded").replace("DUE", "+7d");
        write(dir.resolve("in-graded").resolve("assignment.yaml"), open);
        write(dir.resolve("in-graded-late").resolve("assignment.yaml"),
                GRADED.replace("ID", "in-graded-late").replace("DUE", "-36h"));
        write(dir.resolve("in-graded-leak").resolve("assignment.yaml"), LEAK);
    }

    /** One tensor check of each visibility, for hand-ins that try to read other checks' inputs. */
    private static final String LEAK = """
                id: in-graded-leak
                course: intake
                title: Hidden inputs stay hidden
                release: "-7d"
                due: "+7d"
                files:
                  - role: code
                    types: [py]
                    max_size: 1MB
                  - role: report
                    types: [pdf]
                    max_size: 1MB
                checks:
                  - {id: shown, kind: tensor, points: 1, visibility: visible, function: visible_fn, reference: relu,
                     args: [x], inputs: {x: {shape: [2, 3]}}, outputs: [y], cases: [{seed: 11}]}
                  - {id: later, kind: tensor, points: 1, visibility: after_due, function: after_due_fn,
                     reference: relu, args: [x], inputs: {x: {shape: [3, 2]}}, outputs: [y], cases: [{seed: 12}]}
                  - {id: secret, kind: tensor, points: 1, visibility: hidden, function: hidden_fn, reference: relu,
                     args: [x], inputs: {x: {shape: [2, 2]}}, outputs: [y], cases: [{seed: 13}]}
                """;

    private static final String GRADED = """
                id: ID
                course: intake
                title: Graded end to end
                release: "-7d"
                due: "DUE"
                files:
                  - role: code
                    types: [py, ipynb, zip]
                    max_size: 1MB
                  - role: report
                    types: [pdf]
                    max_size: 1MB
                checks:
                  - id: softmax
                    kind: tensor
                    points: 4
                    visibility: visible
                    function: softmax
                    reference: softmax
                    args: [x]
                    inputs: {x: {shape: [4, 3], dist: normal, scale: 3}}
                    outputs: [y]
                    cases: [{seed: 1}, {seed: 2, shape: {x: [1, 5]}}, {seed: 3, scale: {x: 1000}}]
                    rtol: 1.0e-6
                    atol: 1.0e-9
                  - id: relu
                    kind: tensor
                    points: 2
                    visibility: hidden
                    function: relu
                    reference: relu
                    args: [x]
                    inputs: {x: {shape: [5, 2]}}
                    outputs: [y]
                    cases: [{seed: 7}]
                  - id: report
                    kind: report
                    points: 2
                    visibility: visible
                    max_pages: 5
                    sections: [Introduction]
                  - id: review
                    kind: manual
                    points: 2
                    visibility: visible
                """;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

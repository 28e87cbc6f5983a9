package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class DeadlinesTest {

    private static final Instant DUE = Instant.parse("2026-03-15T15:59:00Z");

    @Inject
    AssignmentSync sync;

    @Inject
    Deadlines deadlines;

    @Inject
    CourseFixture fixture;

    @TempDir
    Path dir;

    String assignment;
    long student;
    long instructor;

    @BeforeEach
    void anAssignmentDueOnTheFifteenth() {
        String course = CourseFixture.uniqueId("c");
        assignment = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, assignment, course, "2026-03-15T23:59", "group: {max_size: 3}\n");
        sync.sync(dir, Instant.parse("2026-02-01T00:00:00Z"));
        student = fixture.user();
        instructor = fixture.user();
    }

    @Test
    void withoutAnExtensionTheAssignmentsDueTimeApplies() {
        assertEquals(DUE, deadlines.effectiveDue(assignment, student, null));
    }

    @Test
    void aStudentsExtensionMovesOnlyTheirDueTimeAndIsAudited() {
        Instant later = DUE.plus(Duration.ofDays(2));
        Extension granted = deadlines.grant(assignment, student, null, later, "medical certificate", instructor);
        assertEquals(later, deadlines.effectiveDue(assignment, student, null));
        assertEquals(DUE, deadlines.effectiveDue(assignment, fixture.user(), null));
        assertEquals(1, fixture.auditEntries("extension", Long.toString(granted.id())));
        assertEquals(List.of(granted.id()), deadlines.extensions(assignment).stream().map(Extension::id).toList());
    }

    @Test
    void aTeamExtensionAppliesToEveryMemberAndTheMostRecentGrantWins() {
        long partner = fixture.user();
        long team = fixture.team(assignment, student, student, partner);
        deadlines.grant(assignment, null, team, DUE.plus(Duration.ofDays(1)), "server outage", instructor);
        assertEquals(DUE.plus(Duration.ofDays(1)), deadlines.effectiveDue(assignment, partner, team));
        deadlines.grant(assignment, student, null, DUE.plus(Duration.ofDays(3)), "illness", instructor);
        assertEquals(DUE.plus(Duration.ofDays(3)), deadlines.effectiveDue(assignment, student, team));
        assertEquals(DUE.plus(Duration.ofDays(1)), deadlines.effectiveDue(assignment, partner, team));
    }

    @Test
    void latenessIsMeasuredFromTheExtendedDueTime() {
        Instant received = DUE.plus(Duration.ofHours(30));
        assertEquals(2, deadlines.lateness(assignment, 1, student, null, received).unitsLate());
        deadlines.grant(assignment, student, null, DUE.plus(Duration.ofDays(1)), "illness", instructor);
        LateDecision decision = deadlines.lateness(assignment, 1, student, null, received);
        assertEquals(1, decision.unitsLate());
        assertEquals(5, decision.penaltyPercent());
        assertTrue(decision.sentence().contains("due 16 Mar 23:59 SGT"), decision.sentence());
        assertFalse(deadlines.lateness(assignment, 1, fixture.user(), null, DUE.plus(Duration.ofDays(4))).accepted());
    }

    @Test
    void anExtensionIsForExactlyOneStudentOrTeamOfAKnownAssignment() {
        assertThrows(IllegalArgumentException.class,
                () -> deadlines.grant(assignment, student, 1L, DUE, "both", instructor));
        assertThrows(IllegalArgumentException.class,
                () -> deadlines.grant(assignment, null, null, DUE, "neither", instructor));
        assertThrows(IllegalArgumentException.class,
                () -> deadlines.grant(assignment, student, null, DUE, " ", instructor));
        assertThrows(IllegalArgumentException.class,
                () -> deadlines.grant("no-such-assignment", student, null, DUE, "why", instructor));
        assertTrue(deadlines.extensions(assignment).isEmpty());
    }
}

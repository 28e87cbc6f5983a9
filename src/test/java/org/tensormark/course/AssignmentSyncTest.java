package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class AssignmentSyncTest {

    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    @Inject
    AssignmentSync sync;

    @Inject
    AssignmentCatalog catalog;

    @TempDir
    Path dir;

    @Test
    void theFirstSyncCreatesVersionOneAndTheCatalogReadsItBack() {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 2);
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "group: {max_size: 3}\ncounts: chosen\n");
        SyncReport report = sync.sync(dir, NOW);
        assertEquals(List.of(id + " v1"), report.created());
        AssignmentView view = catalog.current(id).orElseThrow();
        assertEquals(1, view.version());
        assertEquals(course, view.courseId());
        assertTrue(view.groupWork());
        assertEquals(3, view.maxGroupSize());
        assertEquals(Instant.parse("2026-03-15T15:59:00Z"), view.dueAt());
        assertEquals(ZoneId.of("Asia/Singapore"), view.zone());
        assertEquals(LateRule.DEFAULT, view.lateRule());
        assertEquals(Counting.CHOSEN, view.counts());
        assertEquals(new CheckSpec("review", "manual", 10, Visibility.VISIBLE, java.util.Map.of()), view.checks().get(0));
        assertNull(view.handout());
        assertEquals(2, catalog.course(course).orElseThrow().lateTokens());
        assertEquals(List.of(view), catalog.forCourse(course));
    }

    @Test
    void declaredLimitsAreStoredWithTheirVersionAndAChangeMakesANewOne() {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "");
        sync.sync(dir, NOW);
        assertEquals(AssignmentLimits.NONE, catalog.current(id).orElseThrow().limits());
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "limits: {wall: 30s, cpus: 1, pids: 32}\n");
        assertEquals(List.of(id + " v2"), sync.sync(dir, NOW).changed());
        assertEquals(new AssignmentLimits(30L, 1.0, null, 32, null), catalog.current(id).orElseThrow().limits());
        assertEquals(AssignmentLimits.NONE, catalog.version(id, 1).orElseThrow().limits());
    }

    @Test
    void anEditMakesANewVersionAndKeepsTheOldOne() {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "");
        sync.sync(dir, NOW);
        CourseFixture.assignment(dir, id, course, "2026-03-22T23:59", "");
        CourseFixture.write(dir.resolve(id).resolve("handout.md"), "# Read me\n");
        assertEquals(List.of(id + " v2"), sync.sync(dir, NOW).changed());
        AssignmentView current = catalog.current(id).orElseThrow();
        assertEquals(2, current.version());
        assertEquals("# Read me\n", current.handout());
        assertEquals(Instant.parse("2026-03-15T15:59:00Z"), catalog.version(id, 1).orElseThrow().dueAt());
        assertEquals(Instant.parse("2026-03-22T15:59:00Z"), current.dueAt());
        assertTrue(catalog.version(id, 3).isEmpty());
    }

    @Test
    void aRemovedFolderKeepsItsAssignmentAndIsReportedAsMissing() throws IOException {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "");
        sync.sync(dir, NOW);
        Files.delete(dir.resolve(id).resolve("assignment.yaml"));
        SyncReport report = sync.sync(dir, NOW);
        assertEquals(List.of(id), report.missing());
        assertTrue(report.summary().endsWith("1 no longer in the files (kept) [" + id + "]"), report.summary());
        assertEquals(1, catalog.current(id).orElseThrow().version());
    }

    @Test
    void anUnchangedFolderMakesNoVersionEvenWhenItsRelativeTimesWouldMove() {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, id, course, "+7d", "");
        sync.sync(dir, NOW);
        SyncReport later = sync.sync(dir, NOW.plus(Duration.ofDays(30)));
        assertTrue(later.changed().isEmpty());
        assertEquals(List.of(id + " v1"), later.unchanged());
        assertEquals(NOW.plus(Duration.ofDays(7)), catalog.current(id).orElseThrow().dueAt());
    }

    @Test
    void changingTheCourseTimeZoneMakesANewVersionWithTheLocalTimesMoved() {
        String course = CourseFixture.uniqueId("c");
        String id = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, id, course, "2026-03-15T23:59", "");
        sync.sync(dir, NOW);
        CourseFixture.write(dir.resolve(course + ".course.yaml"), "id: " + course + "\ntitle: T\ntime_zone: UTC\n");
        sync.sync(dir, NOW);
        assertEquals(Instant.parse("2026-03-15T23:59:00Z"), catalog.current(id).orElseThrow().dueAt());
    }

    @Test
    void aMalformedFileStopsTheSyncAndChangesNothing() {
        String course = CourseFixture.uniqueId("c");
        String good = CourseFixture.uniqueId("a");
        String bad = CourseFixture.uniqueId("a");
        CourseFixture.courseFolder(dir, course, 0);
        CourseFixture.assignment(dir, good, course, "2026-03-15T23:59", "");
        CourseFixture.assignment(dir, bad, course, "2026-03-15T23:59", "counts: sometimes\n");
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> sync.sync(dir, NOW));
        assertTrue(e.getMessage().contains(bad + "/assignment.yaml line 14: counts: 'sometimes' is not one of"),
                e.getMessage());
        assertTrue(catalog.current(good).isEmpty());
        assertTrue(catalog.course(course).isEmpty());
    }

    @Test
    void anAssignmentOfAnUndeclaredCourseIsRefused() {
        CourseFixture.courseFolder(dir, CourseFixture.uniqueId("c"), 0);
        String id = CourseFixture.uniqueId("a");
        CourseFixture.assignment(dir, id, "nowhere", "2026-03-15T23:59", "");
        String message = assertThrows(AssignmentFormatException.class, () -> sync.sync(dir, NOW)).getMessage();
        assertTrue(message.contains("line 2: course: 'nowhere' is not declared by a course file"), message);
    }

    @Test
    void theShippedCoursesSyncAndTheDemoHasTwoOpenOneLateAndOneClosedAssignment() {
        sync.sync(Path.of("assignments"));
        assertEquals(List.of("a1", "a2", "a3", "a4", "project", "sc4001-part-a"),
                catalog.forCourse("nndl").stream().map(AssignmentView::id).sorted().toList());
        assertEquals(3, catalog.current("project").orElseThrow().maxGroupSize());
        Instant now = Instant.now();
        List<AssignmentView> demo = catalog.forCourse("demo");
        assertEquals(List.of("demo-closed", "demo-late", "demo-notebook", "demo-open"),
                demo.stream().map(AssignmentView::id).sorted().toList());
        long open = demo.stream().filter(a -> a.dueAt().isAfter(now) && a.releaseAt().isBefore(now)).count();
        long late = demo.stream().filter(a -> a.dueAt().isBefore(now)
                && a.lateRule().windowClosesAt(a.dueAt()).isAfter(now)).count();
        long closed = demo.stream().filter(a -> a.lateRule().windowClosesAt(a.dueAt()).isBefore(now)).count();
        assertEquals(List.of(2L, 1L, 1L), List.of(open, late, closed));
        demo.forEach(a -> assertFalse(a.checks().isEmpty()));
    }
}

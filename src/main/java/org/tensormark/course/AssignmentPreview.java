package org.tensormark.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * An assignment folder read straight from disk, without the database: for tools that check an
 * assignment before it is synced ({@code check-assignment}). Version 0, relative dates from now.
 */
public final class AssignmentPreview {

    private AssignmentPreview() {
    }

    public static AssignmentView of(Path folder) {
        AssignmentDeclaration d = AssignmentParser.parse(folder);
        ZoneId zone = courseZone(folder.toAbsolutePath().getParent(), d.courseId());
        AssignmentDeclaration.Schedule s = d.schedule(zone, Instant.now());
        return new AssignmentView(d.id(), 0, d.courseId(), d.title(), d.maxGroupSize() > 1, d.maxGroupSize(),
                s.releaseAt(), s.dueAt(), zone, d.lateRule(), d.files(), d.handinsPerDay(), d.counts(), d.checks(),
                d.handout(), d.limits(), d.image());
    }

    private static ZoneId courseZone(Path parent, String courseId) {
        for (Path candidate : new Path[] {parent.resolve(courseId + ".course.yaml"), parent.resolve("course.yaml")}) {
            if (Files.isRegularFile(candidate)) {
                CourseDeclaration c = CourseDeclaration.parse(candidate);
                if (c.id().equals(courseId)) {
                    return c.zone();
                }
            }
        }
        return CourseDeclaration.DEFAULT_ZONE;
    }
}

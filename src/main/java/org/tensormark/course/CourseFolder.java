package org.tensormark.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything declared in an assignments directory, parsed and cross-checked before anything is
 * written: course files ({@code course.yaml}, {@code <id>.course.yaml}) and every sub-folder that
 * holds an {@code assignment.yaml}.
 */
record CourseFolder(Map<String, CourseDeclaration> courses, List<AssignmentDeclaration> assignments) {

    static CourseFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssignmentFormatException(dir, "the assignments directory does not exist");
        }
        Map<String, CourseDeclaration> courses = new LinkedHashMap<>();
        List<AssignmentDeclaration> assignments = new ArrayList<>();
        for (Path entry : sorted(dir)) {
            String name = entry.getFileName().toString();
            if (Files.isRegularFile(entry) && (name.equals("course.yaml") || name.endsWith(".course.yaml"))) {
                CourseDeclaration course = CourseDeclaration.parse(entry);
                CourseDeclaration earlier = courses.putIfAbsent(course.id(), course);
                if (earlier != null) {
                    throw new AssignmentFormatException(entry, "course '" + course.id() + "' is also declared in "
                            + earlier.file());
                }
            } else if (Files.isRegularFile(entry.resolve("assignment.yaml"))) {
                assignments.add(AssignmentParser.parse(entry));
            }
        }
        for (AssignmentDeclaration a : assignments) {
            if (!courses.containsKey(a.courseId())) {
                throw a.source().error("course", "'" + a.courseId() + "' is not declared by a course file in " + dir
                        + " (known: " + String.join(", ", courses.keySet()) + ")");
            }
        }
        return new CourseFolder(courses, assignments);
    }

    private static List<Path> sorted(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

package org.tensormark.course;

import java.nio.file.Path;

/**
 * A course or assignment file that cannot be synced. The message names the file, the line and the
 * field, e.g. {@code assignments/a1/assignment.yaml line 7: due: '2026-13-01T23:59' is not a date-time …}.
 */
public class AssignmentFormatException extends RuntimeException {

    AssignmentFormatException(Path file, int line, String field, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + (field == null || field.isEmpty() ? "" : field + ": ")
                + problem);
    }

    AssignmentFormatException(Path file, String problem) {
        this(file, 0, null, problem);
    }
}

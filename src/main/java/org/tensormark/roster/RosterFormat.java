package org.tensormark.roster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensormark.identity.CourseRole;

/**
 * The roster files TensorMark reads, told apart by their header row: a Canvas gradebook or roster
 * export, a Moodle participants export, or a plain {@code username,name,email,student_id,section,role}
 * file. Each format knows which columns hold what; column names are matched without regard to
 * case or surrounding blanks.
 */
enum RosterFormat {

    /** Canvas: Student ("Last, First"), ID, SIS User ID, SIS Login ID, Section, then grade columns. */
    CANVAS("canvas", List.of("student", "sis login id")) {
        @Override
        Optional<RosterEntry> entry(int line, Columns row) {
            String student = row.get("student");
            // The "Points Possible" row and Canvas's own test student are not people of the class.
            if (student == null || student.equals("Points Possible") || student.equals("Student, Test")) {
                return Optional.empty();
            }
            return Optional.of(new RosterEntry(line, row.get("sis login id"), firstLast(student), row.get("email"),
                    row.get("sis user id"), row.get("section"), null));
        }
    },

    /** Moodle: First name, Last name (or Surname), Username (optional), ID number, Email address, Roles, Groups. */
    MOODLE("moodle", List.of("email address")) {
        @Override
        Optional<RosterEntry> entry(int line, Columns row) {
            String email = row.get("email address");
            String username = row.get("username") != null ? row.get("username")
                    : email == null ? null : email.toLowerCase(Locale.ROOT);
            String last = row.get("last name") != null ? row.get("last name") : row.get("surname");
            String name = String.join(" ", Arrays.asList(row.getOrEmpty("first name"), last == null ? "" : last)).strip();
            return Optional.of(new RosterEntry(line, username, name.isEmpty() ? null : name, email,
                    row.get("id number"), firstGroup(row.get("groups")), moodleRole(row.get("roles"))));
        }
    },

    /** The plain file: username, name, email, student_id, section, role. */
    PLAIN("plain", List.of("username", "name")) {
        @Override
        Optional<RosterEntry> entry(int line, Columns row) {
            String role = row.get("role");
            return Optional.of(new RosterEntry(line, row.get("username"), row.get("name"), row.get("email"),
                    row.get("student_id"), row.get("section"), role == null ? null : CourseRole.parse(role)));
        }
    };

    private final String label;
    private final List<String> required;

    RosterFormat(String label, List<String> required) {
        this.label = label;
        this.required = required;
    }

    String label() {
        return label;
    }

    /** The person on this row; empty for rows that name nobody (Canvas's points row). */
    abstract Optional<RosterEntry> entry(int line, Columns row);

    /** The format whose columns this header has; Canvas before Moodle before plain. */
    static Optional<RosterFormat> of(List<String> header) {
        List<String> names = header.stream().map(RosterFormat::key).toList();
        boolean moodle = names.contains("email address")
                && (names.contains("first name") || names.contains("surname") || names.contains("last name"));
        if (names.containsAll(CANVAS.required)) {
            return Optional.of(CANVAS);
        }
        if (moodle) {
            return Optional.of(MOODLE);
        }
        return names.containsAll(PLAIN.required) ? Optional.of(PLAIN) : Optional.empty();
    }

    static String key(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }

    /** One data row's fields by lower-case column name; blank fields read as null. */
    record Columns(Map<String, String> values) {

        String get(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }

        String getOrEmpty(String column) {
            String v = get(column);
            return v == null ? "" : v;
        }
    }

    /** Canvas writes "Last, First"; people read "First Last". */
    static String firstLast(String canvasName) {
        int comma = canvasName.indexOf(',');
        return comma < 0 ? canvasName.strip()
                : (canvasName.substring(comma + 1).strip() + " " + canvasName.substring(0, comma).strip()).strip();
    }

    /** Moodle lists a participant's groups comma-separated; the first is their section. */
    static String firstGroup(String groups) {
        if (groups == null || groups.equalsIgnoreCase("No groups")) {
            return null;
        }
        String first = groups.split(",")[0].strip();
        return first.isEmpty() ? null : first;
    }

    /** Moodle's roles: Teacher and Manager teach, a Non-editing teacher is a TA, everyone else a student. */
    static CourseRole moodleRole(String roles) {
        if (roles == null) {
            return null;
        }
        List<String> each = Arrays.stream(roles.split(",")).map(r -> key(r)).toList();
        if (each.contains("teacher") || each.contains("editing teacher") || each.contains("manager")) {
            return CourseRole.INSTRUCTOR;
        }
        return each.contains("non-editing teacher") ? CourseRole.TA : CourseRole.STUDENT;
    }
}

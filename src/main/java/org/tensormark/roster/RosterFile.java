package org.tensormark.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A roster file as read: its format, the people on its valid rows, and the rows it could not use
 * with their line numbers (a missing username or name, a malformed email, an unknown role, a
 * username or student id that two rows claim). Reading never touches the database.
 */
public record RosterFile(String format, List<RosterEntry> entries, List<LineError> errors) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Reads a CSV roster; a file with no recognisable header is one error on line 1. */
    public static RosterFile read(String csv) {
        List<CsvRecords.Record> records;
        try {
            records = CsvRecords.parse(csv);
        } catch (IllegalArgumentException e) {
            return new RosterFile("unknown", List.of(), List.of(new LineError(1, e.getMessage())));
        }
        records = records.stream().filter(r -> !r.blank()).toList();
        if (records.isEmpty()) {
            return new RosterFile("unknown", List.of(), List.of(new LineError(1, "the file is empty")));
        }
        CsvRecords.Record header = records.get(0);
        Optional<RosterFormat> format = RosterFormat.of(header.fields());
        if (format.isEmpty()) {
            return new RosterFile("unknown", List.of(), List.of(new LineError(header.line(),
                    "not a roster this server reads: expected a Canvas gradebook export (Student, SIS Login ID, …),"
                            + " a Moodle participants export (First name, Last name, Email address, …)"
                            + " or username,name,email,student_id,section,role")));
        }
        return rows(format.get(), header.fields(), records.subList(1, records.size()));
    }

    private static RosterFile rows(RosterFormat format, List<String> header, List<CsvRecords.Record> records) {
        List<RosterEntry> entries = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Map<String, Integer> usernames = new HashMap<>();
        Map<String, Integer> studentIds = new HashMap<>();
        for (CsvRecords.Record record : records) {
            Optional<RosterEntry> entry;
            try {
                entry = format.entry(record.line(), columns(header, record.fields()));
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(record.line(), e.getMessage()));
                continue;
            }
            if (entry.isEmpty()) {
                continue;
            }
            Optional<String> problem = problem(entry.get(), usernames, studentIds);
            if (problem.isPresent()) {
                errors.add(new LineError(record.line(), problem.get()));
            } else {
                entries.add(entry.get());
            }
        }
        return new RosterFile(format.label(), List.copyOf(entries), List.copyOf(errors));
    }

    private static RosterFormat.Columns columns(List<String> header, List<String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.putIfAbsent(RosterFormat.key(header.get(i)), i < fields.size() ? fields.get(i) : null);
        }
        return new RosterFormat.Columns(values);
    }

    /** Why the entry cannot be used, if it cannot; remembers its username and student id. */
    private static Optional<String> problem(RosterEntry e, Map<String, Integer> usernames,
            Map<String, Integer> studentIds) {
        if (e.username() == null) {
            return Optional.of("no username");
        }
        if (!USERNAME.matcher(e.username()).matches()) {
            return Optional.of("username '" + e.username() + "' may hold only letters, digits and . _ @ + -");
        }
        if (e.name() == null) {
            return Optional.of("no name for '" + e.username() + "'");
        }
        if (e.email() != null && !EMAIL.matcher(e.email()).matches()) {
            return Optional.of("'" + e.email() + "' is not an email address");
        }
        Integer first = usernames.putIfAbsent(e.username(), e.line());
        if (first != null) {
            return Optional.of("username '" + e.username() + "' is also on line " + first);
        }
        if (e.studentId() != null) {
            Integer other = studentIds.putIfAbsent(e.studentId(), e.line());
            if (other != null) {
                return Optional.of("student id '" + e.studentId() + "' is also on line " + other);
            }
        }
        return Optional.empty();
    }
}

package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code courses}, {@code assignments}, {@code status} and {@code gradebook export}. */
final class CourseCommands {

    private CourseCommands() {
    }

    static int courses(Session s) throws IOException {
        List<Object> courses = Session.list(s.api().get("/api/courses"));
        s.show(courses, () -> s.table(List.of("COURSE", "TITLE", "ROLE", "TIME ZONE"), courses.stream().map(c -> {
            Map<String, Object> m = Session.map(c);
            return Session.row(m.get("id"), m.get("title"), m.get("role"), m.get("timeZone"));
        }).toList()));
        return 0;
    }

    static int assignments(Session s) throws IOException {
        String course = s.args.word(0, "the course id, e.g. tensormark assignments sc4001");
        List<Object> list = Session.list(s.api().get("/api/courses/" + encode(course) + "/assignments"));
        s.show(list, () -> s.table(List.of("ASSIGNMENT", "TITLE", "DUE", "OPEN", "GROUPS", "COUNTS"),
                list.stream().map(a -> {
                    Map<String, Object> m = Session.map(a);
                    return Session.row(m.get("id"), m.get("title"), m.get("effectiveDueAt"), m.get("open"),
                            m.get("groupWork"), m.get("counts"));
                }).toList()));
        return 0;
    }

    /** Counts, queue and per-check pass rates of one assignment (a TA limited to sections: theirs). */
    static int status(Session s) throws IOException {
        String assignment = s.args.word(0, "the assignment id, e.g. tensormark status a1");
        String section = s.args.option("section");
        Map<String, Object> o = Session.map(s.api().get("/api/assignments/" + encode(assignment) + "/overview"
                + (section == null ? "" : "?section=" + encode(section))));
        s.show(o, () -> {
            Map<String, Object> q = Session.map(o.get("queue"));
            s.table(List.of("STUDENTS", "HANDED IN", "NOT YET", "LATE", "AWAITING SCORE", "QUEUED", "RUNNING"),
                    List.of(Session.row(o.get("students"), o.get("handedIn"), o.get("notYet"), o.get("late"),
                            o.get("awaitingScore"), q.get("queued"), q.get("running"))));
            s.io.out().println();
            s.table(List.of("CHECK", "KIND", "PASSED", "GRADED", "MEAN %"), Session.list(o.get("checks")).stream()
                    .map(c -> {
                        Map<String, Object> m = Session.map(c);
                        return Session.row(m.get("checkId"), m.get("kind"), m.get("passed"), m.get("graded"),
                                m.get("meanScorePercent"));
                    }).toList());
        });
        return 0;
    }

    /**
     * The gradebook as CSV: {@code generic} is the server's own export; {@code canvas} and
     * {@code moodle} are laid out for those systems' grade imports (Canvas matches on SIS Login
     * ID, Moodle on username), made from the gradebook's rows.
     */
    static int gradebookExport(Session s) throws IOException {
        if (!s.args.word(0, "export").equals("export")) {
            throw ClientFailure.usage("tensormark gradebook export <course> [--format generic|canvas|moodle]");
        }
        String course = s.args.word(1, "the course id");
        String format = s.args.options().getOrDefault("format", "generic");
        String csv = switch (format) {
            case "generic" -> s.api().getText("/api/courses/" + encode(course) + "/gradebook.csv");
            case "canvas", "moodle" -> fromRows(s, course, format);
            default -> throw ClientFailure.usage("--format must be generic, canvas or moodle, not '" + format + "'");
        };
        String target = s.args.option("output");
        if (target == null) {
            s.io.out().print(csv);
        } else {
            Files.writeString(Path.of(target), csv);
            s.io.err().println("wrote " + target);
        }
        return 0;
    }

    private static String fromRows(Session s, String course, String format) throws IOException {
        List<String> assignments = Session.list(s.api().get("/api/courses/" + encode(course) + "/assignments"))
                .stream().map(a -> (String) Session.map(a).get("id")).sorted().toList();
        List<Object> rows = Session.list(s.api().get("/api/courses/" + encode(course) + "/gradebook"));
        List<String> header = new ArrayList<>(format.equals("canvas")
                ? List.of("Student", "SIS Login ID", "Section") : List.of("Username", "Full name", "Group"));
        assignments.forEach(header::add);
        StringBuilder out = new StringBuilder(csvLine(header));
        for (Object r : rows) {
            Map<String, Object> m = Session.map(r);
            List<String> line = new ArrayList<>(List.of(String.valueOf(m.get("displayName")),
                    String.valueOf(m.get("username")), m.get("section") == null ? "" : String.valueOf(m.get("section"))));
            if (format.equals("moodle")) {
                line.set(0, String.valueOf(m.get("username")));
                line.set(1, String.valueOf(m.get("displayName")));
            }
            Map<String, Object> points = Session.map(m.get("finalPoints"));
            assignments.forEach(a -> line.add(points.get(a) == null ? "" : Table.cell(points.get(a))));
            out.append(csvLine(line));
        }
        return out.toString();
    }

    static String csvLine(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            // a leading = + - @ would be run as a formula by a spreadsheet
            String safe = !f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0 && !f.matches("-?[0-9.]+") ? "'" + f : f;
            b.append(i == 0 ? "" : ",").append(safe.matches(".*[\",\\n\\r].*")
                    ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe);
        }
        return b.append('\n').toString();
    }
}

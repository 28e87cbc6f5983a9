package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * The gradebook as CSV, one row per student: {@code generic} (username, name, section),
     * {@code canvas} (laid out for Canvas's grade import, which matches on SIS Login ID) or
     * {@code moodle} (matched on username). Every assignment has its final points and, as its own
     * column, the late penalty taken off them in percent; where the instructor scaled some student's
     * mark on group work, a column says how ("80 × 1.10 = 88", the points being the scaled ones);
     * {@code --per-check} adds a column per check.
     */
    static int gradebookExport(Session s) throws IOException {
        if (!s.args.word(0, "export").equals("export")) {
            throw ClientFailure.usage("tensormark gradebook export <course> [--format generic|canvas|moodle]");
        }
        String course = s.args.word(1, "the course id");
        String format = s.args.options().getOrDefault("format", "generic");
        if (!List.of("generic", "canvas", "moodle").contains(format)) {
            throw ClientFailure.usage("--format must be generic, canvas or moodle, not '" + format + "'");
        }
        String csv = fromRows(s, course, format, s.args.flag("per-check"));
        String target = s.args.option("output");
        if (target == null) {
            s.io.out().print(csv);
        } else {
            Files.writeString(Path.of(target), csv);
            s.io.err().println("wrote " + target);
        }
        return 0;
    }

    private static String fromRows(Session s, String course, String format, boolean perCheck) throws IOException {
        Map<String, List<String>> checks = new LinkedHashMap<>();
        for (Object a : Session.list(s.api().get("/api/courses/" + encode(course) + "/assignments")).stream()
                .sorted(Comparator.comparing(a -> (String) Session.map(a).get("id"))).toList()) {
            String id = (String) Session.map(a).get("id");
            checks.put(id, perCheck ? Session.list(Session.map(s.api().get("/api/assignments/" + encode(id)))
                    .get("checks")).stream().map(c -> (String) Session.map(c).get("id")).toList() : List.of());
        }
        List<Object> rows = Session.list(s.api().get("/api/courses/" + encode(course) + "/gradebook?perCheck=" + perCheck));
        List<String> header = new ArrayList<>(switch (format) {
            case "canvas" -> List.of("Student", "SIS Login ID", "Section");
            case "moodle" -> List.of("Username", "Full name", "Group");
            default -> List.of("username", "name", "section");
        });
        Set<String> scaled = new HashSet<>();
        rows.forEach(r -> scaled.addAll(Session.map(Session.map(r).getOrDefault("scaled", Map.of())).keySet()));
        checks.forEach((a, ids) -> {
            header.add(a);
            header.add(a + " late penalty %");
            if (scaled.contains(a)) {
                header.add(a + " scaled");
            }
            ids.forEach(c -> header.add(a + ": " + c));
        });
        StringBuilder out = new StringBuilder(csvLine(header));
        for (Object r : rows) {
            Map<String, Object> m = Session.map(r);
            String name = String.valueOf(m.get("displayName"));
            String username = String.valueOf(m.get("username"));
            List<String> line = new ArrayList<>(format.equals("canvas") ? List.of(name, username) : List.of(username, name));
            line.add(m.get("section") == null ? "" : String.valueOf(m.get("section")));
            Map<String, Object> points = Session.map(m.get("finalPoints"));
            Map<String, Object> penalties = Session.map(m.get("latePenaltyPercent"));
            Map<String, Object> perCheckPoints = Session.map(m.get("checkPoints"));
            Map<String, Object> scaling = Session.map(m.getOrDefault("scaled", Map.of()));
            checks.forEach((a, ids) -> {
                line.add(number(points.get(a)));
                line.add(number(penalties.get(a)));
                if (scaled.contains(a)) {
                    line.add(scaling.get(a) == null ? "" : String.valueOf(scaling.get(a)));
                }
                Map<String, Object> own = perCheckPoints.get(a) == null ? Map.of() : Session.map(perCheckPoints.get(a));
                ids.forEach(c -> line.add(number(own.get(c))));
            });
            out.append(csvLine(line));
        }
        return out.toString();
    }

    private static String number(Object value) {
        return value == null ? "" : Table.cell(value);
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

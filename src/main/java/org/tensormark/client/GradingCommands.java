package org.tensormark.client;

import static org.tensormark.client.ServerApi.encode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code extension grant}, {@code override} and {@code manual-grades template|upload}. */
final class GradingCommands {

    private GradingCommands() {
    }

    static int extension(Session s) throws IOException {
        if (!s.args.word(0, "grant").equals("grant")) {
            throw ClientFailure.usage("tensormark extension grant <assignment> <student> <until> --reason R");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", s.args.word(2, "the student's username"));
        body.put("dueAt", s.args.word(3, "the new due time, e.g. 2026-12-10T23:59:00Z"));
        body.put("reason", s.args.required("reason"));
        Object granted = s.api().post("/api/assignments/" + encode(s.args.word(1, "the assignment id")) + "/extensions",
                body);
        s.show(granted, () -> s.io.out().println("Extension granted: " + body.get("username") + " until "
                + Session.map(granted).get("dueAt")));
        return 0;
    }

    static int override(Session s) throws IOException {
        String submission = s.args.word(0, "the hand-in's id");
        BigDecimal points = number(s.args.word(1, "the points"), "points");
        s.api().post("/api/submissions/" + encode(submission) + "/override",
                Map.of("points", points, "reason", s.args.required("reason")));
        s.show(Map.of("submissionId", submission, "points", points), () -> s.io.out().println("Score of " + submission
                + " overridden to " + points.toPlainString()));
        return 0;
    }

    static int manualGrades(Session s) throws IOException {
        String what = s.args.word(0, "template or upload");
        String assignment = s.args.word(1, "the assignment id");
        Map<String, Object> a = Session.map(s.api().get("/api/assignments/" + encode(assignment)));
        Map<String, BigDecimal> manual = new LinkedHashMap<>();
        Session.list(a.get("checks")).stream().map(Session::map).filter(c -> "manual".equals(c.get("kind")))
                .forEach(c -> manual.put((String) c.get("id"), (BigDecimal) c.get("points")));
        Map<String, String> handIns = new HashMap<>();
        Session.list(s.api().get("/api/courses/" + encode((String) a.get("courseId")) + "/gradebook")).stream()
                .map(Session::map).forEach(r -> {
                    Object id = Session.map(r.get("handIns")).get(assignment);
                    if (id != null) {
                        handIns.put((String) r.get("username"), (String) id);
                    }
                });
        return switch (what) {
            case "template" -> template(s, manual, handIns);
            case "upload" -> upload(s, manual, handIns);
            default -> throw ClientFailure.usage("manual-grades template|upload <assignment> [grades.csv]");
        };
    }

    private static int template(Session s, Map<String, BigDecimal> manual, Map<String, String> handIns) {
        StringBuilder out = new StringBuilder(CourseCommands.csvLine(List.of("student", "check", "points", "comment")));
        handIns.keySet().stream().sorted().forEach(student -> manual.keySet().forEach(check ->
                out.append(CourseCommands.csvLine(List.of(student, check, "", "")))));
        s.io.out().print(out);
        return 0;
    }

    /** One grade to send: the row's line, student, hand-in, check, points and comment. */
    private record Grade(int line, String student, String handIn, String check, BigDecimal points, String comment) {
    }

    /** Checks every row first; sends nothing unless all are good, and only with --apply. */
    private static int upload(Session s, Map<String, BigDecimal> manual, Map<String, String> handIns)
            throws IOException {
        List<List<String>> rows = Csv.read(Files.readString(Path.of(s.args.word(2, "the grades CSV"))));
        List<Grade> grades = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            int line = i + 1;
            String student = field(r, 0);
            String check = field(r, 1);
            String points = field(r, 2);
            if (student.isEmpty() && check.isEmpty() && points.isEmpty()) {
                continue;
            }
            if (!handIns.containsKey(student)) {
                errors.add("line " + line + ": '" + student + "' has no hand-in of this assignment (or is not yours to grade)");
            } else if (!manual.containsKey(check)) {
                errors.add("line " + line + ": '" + check + "' is not a manual check (" + String.join(", ", manual.keySet()) + ")");
            } else if (!points.isEmpty()) {
                try {
                    BigDecimal p = new BigDecimal(points);
                    if (p.signum() < 0 || p.compareTo(manual.get(check)) > 0) {
                        errors.add("line " + line + ": " + points + " points is outside 0.." + manual.get(check).toPlainString());
                    } else {
                        grades.add(new Grade(line, student, handIns.get(student), check, p, field(r, 3)));
                    }
                } catch (NumberFormatException e) {
                    errors.add("line " + line + ": '" + points + "' is not a number");
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(s.io.err()::println);
            throw new ClientFailure(1, errors.size() + " bad row(s); nothing was uploaded");
        }
        boolean apply = s.args.flag("apply");
        for (Grade g : apply ? grades : List.<Grade>of()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("checkId", g.check());
            body.put("points", g.points());
            body.put("comment", g.comment());
            s.api().post("/api/submissions/" + encode(g.handIn()) + "/manual", body);
        }
        s.show(Map.of("applied", apply, "grades", grades.stream().map(g -> Map.of("line", g.line(), "student",
                g.student(), "submissionId", g.handIn(), "check", g.check(), "points", g.points())).toList()), () -> {
                    s.table(List.of("LINE", "STUDENT", "CHECK", "POINTS", "HAND-IN"), grades.stream()
                            .map(g -> Session.row(g.line(), g.student(), g.check(), g.points(), g.handIn())).toList());
                    s.io.out().println(apply ? grades.size() + " grade(s) uploaded."
                            : "Dry run: nothing was uploaded; run again with --apply to upload these " + grades.size()
                                    + " grade(s).");
                });
        return 0;
    }

    private static String field(List<String> row, int i) {
        return i < row.size() ? row.get(i).strip() : "";
    }

    private static BigDecimal number(String text, String what) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ClientFailure.usage(what + " must be a number, not '" + text + "'");
        }
    }
}

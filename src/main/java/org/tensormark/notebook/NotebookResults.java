package org.tensormark.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The notebook runner's report ({@code out/notebooks.json}, written inside the sandbox) read
 * against the source: points come from the source's cells, never from the report, and a test
 * cell the report does not mention scores nothing. A test that ends with a number earns that many
 * points, capped at the cell's (nbgrader's partial credit).
 *
 * @param cells   one result per autograded test cell, in grading order
 * @param notices what the student should know (skipped install lines, refused data files, timeouts)
 * @param edited  the locked cells each part's notebook changed or deleted (restored before running)
 * @param seconds wall time per part that ran
 * @param manual  per manually graded cell: what the TA grades (its text or output, its figures' files in out/)
 */
public record NotebookResults(List<CellResult> cells, List<String> notices, Map<String, List<String>> edited,
        Map<String, Double> seconds, List<ManualCell> manual) {

    /** A cell a TA grades: the student's written answer, or the code cell's output and figures. */
    public record ManualCell(String part, String gradeId, double points, String answer, List<String> figures) {
    }

    private static final int KEEP = 2000;

    /** One test cell's outcome; {@code message} is for the student. */
    public record CellResult(String part, String gradeId, double points, double maxPoints, String message) {

        public boolean passed() {
            return points >= maxPoints;
        }
    }

    public static NotebookResults read(NotebookSet set, byte[] report) {
        JsonNode root;
        try {
            root = report == null ? null : new ObjectMapper().readTree(report);
        } catch (IOException e) {
            root = null;
        }
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        List<String> notices = new ArrayList<>();
        if (root != null) {
            root.path("notices").forEach(n -> notices.add(capped(n.asText())));
            root.path("parts").forEach(p -> parts.putIfAbsent(p.path("part").asText(), p));
        }
        Map<String, List<String>> edited = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : parts.entrySet()) {
            p.getValue().path("notices").forEach(n -> notices.add(capped(n.asText())));
            if (p.getValue().hasNonNull("message")) {
                notices.add(capped(p.getValue().path("message").asText()));
            }
            p.getValue().path("cells").forEach(c -> cellNotice(p.getKey(), c).ifPresent(notices::add));
            List<String> ids = new ArrayList<>();
            p.getValue().path("edited_locked_cells").forEach(n -> ids.add(n.asText()));
            if (!ids.isEmpty()) {
                edited.put(p.getKey(), ids);
            }
            if (p.getValue().has("seconds")) {
                seconds.put(p.getKey(), p.getValue().path("seconds").asDouble());
            }
        }
        List<CellResult> cells = new ArrayList<>();
        for (NotebookSet.GradedCell g : set.tests()) {
            cells.add(result(g, parts.get(g.part())));
        }
        List<ManualCell> manual = set.manual().stream().map(g -> manual(g, parts.get(g.part()))).toList();
        return new NotebookResults(cells, notices, edited, seconds, manual);
    }

    private static ManualCell manual(NotebookSet.GradedCell g, JsonNode part) {
        String id = g.cell().gradeId();
        if (part == null) {
            return new ManualCell(g.part(), id, g.cell().points(), "", List.of());
        }
        for (JsonNode c : part.path("cells")) {
            if (c.path("manual").asText("").equals(id)) {
                List<String> figures = new ArrayList<>();
                c.path("figures").forEach(f -> figures.add(f.asText()));
                return new ManualCell(g.part(), id, g.cell().points(), capped(c.path("output").asText("")), figures);
            }
        }
        return new ManualCell(g.part(), id, g.cell().points(), capped(part.path("answers").path(id).asText("")), List.of());
    }

    private static CellResult result(NotebookSet.GradedCell g, JsonNode part) {
        double max = g.cell().points();
        String id = g.cell().gradeId();
        if (part == null) {
            return new CellResult(g.part(), id, 0, max, "not run: the grading stopped before " + g.part());
        }
        for (JsonNode t : part.path("tests")) {
            if (!t.path("grade_id").asText().equals(id)) {
                continue;
            }
            if (!t.path("passed").asBoolean(false)) {
                return new CellResult(g.part(), id, 0, max, failure(t.path("error")));
            }
            if (t.path("score").isNumber()) {
                double earned = Math.max(0, Math.min(max, t.path("score").asDouble()));
                return new CellResult(g.part(), id, earned, max, earned >= max ? "passed"
                        : String.format(Locale.ROOT, "partly passed: %.2f of %.2f points", earned, max));
            }
            return new CellResult(g.part(), id, max, max, "passed");
        }
        String why = part.path("message").asText(part.path("status").asText("not run"));
        return new CellResult(g.part(), id, 0, max, "not run: " + capped(why));
    }

    /** A student cell that raised, or the one a time limit stopped: the student should know which. */
    private static Optional<String> cellNotice(String part, JsonNode cell) {
        String name = part + " " + cell.path("name").asText("cell");
        return switch (cell.path("status").asText("")) {
            case "error" -> Optional.of(name + " raised " + failure(cell.path("error")));
            case "running" -> Optional.of(name + " was still running when " + part + " stopped");
            default -> Optional.empty();
        };
    }

    private static String failure(JsonNode error) {
        String type = error.path("type").asText("Error");
        String message = error.path("message").asText("");
        String code = error.path("code").asText("");
        String where = error.hasNonNull("line") ? " (line " + error.path("line").asInt() + (code.isEmpty() ? "" : ": " + code) + ")" : "";
        return capped(type + (message.isEmpty() ? "" : ": " + message) + where);
    }

    private static String capped(String text) {
        return text.length() <= KEEP ? text : text.substring(0, KEEP) + " […]";
    }

    /** Points earned over all test cells. */
    public double points() {
        return cells.stream().mapToDouble(CellResult::points).sum();
    }
}

package org.tensormark.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook in nbgrader's format, parsed and checked: nbformat 4, every graded, answer or locked
 * cell has a {@code grade_id} used once, every autograded test cell has points. The raw JSON is
 * kept so a release keeps every field nbgrader and Jupyter write.
 *
 * @param file  the notebook's file name, for messages
 * @param cells its cells in order
 * @param json  the notebook as read
 */
public record SourceNotebook(String file, List<NotebookCell> cells, ObjectNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SourceNotebook {
        cells = List.copyOf(cells);
    }

    /** Parses {@code bytes} as the notebook {@code file}; every fault names the file, cell and field. */
    public static SourceNotebook parse(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new NotebookFormatException(file, 0, null, "not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new NotebookFormatException(file, 0, null, "could not be read: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode notebook)) {
            throw new NotebookFormatException(file, 0, null, "not a notebook (the JSON is not an object)");
        }
        if (notebook.path("nbformat").asInt(0) != 4) {
            throw new NotebookFormatException(file, 0, "nbformat", "nbformat " + notebook.path("nbformat").asText("?")
                    + " is not supported; open and save it with Jupyter 4 or later (nbformat 4)");
        }
        if (!notebook.path("cells").isArray()) {
            throw new NotebookFormatException(file, 0, "cells", "missing or not a list");
        }
        List<NotebookCell> cells = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode cell : notebook.path("cells")) {
            NotebookCell c = cell(file, cells.size() + 1, cell);
            if (c.gradeId() != null && ids.putIfAbsent(c.gradeId(), c.number()) != null) {
                throw new NotebookFormatException(file, c.number(), "metadata.nbgrader.grade_id", "'" + c.gradeId()
                        + "' is also the grade_id of cell " + ids.get(c.gradeId()));
            }
            cells.add(c);
        }
        return new SourceNotebook(file, cells, notebook);
    }

    static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText("");
    }

    private static NotebookCell cell(String file, int number, JsonNode cell) {
        String type = cell.path("cell_type").asText("");
        if (!List.of("code", "markdown", "raw").contains(type)) {
            throw new NotebookFormatException(file, number, "cell_type", "'" + type + "' is not code, markdown or raw");
        }
        JsonNode meta = cell.path("metadata").path("nbgrader");
        if (meta.isMissingNode() || meta.isNull()) {
            return new NotebookCell(number, type, source(cell), null, 0, false, false, false, false);
        }
        boolean grade = meta.path("grade").asBoolean(false);
        boolean solution = meta.path("solution").asBoolean(false);
        boolean locked = meta.path("locked").asBoolean(false);
        boolean task = meta.path("task").asBoolean(false);
        String gradeId = meta.path("grade_id").asText("");
        if (gradeId.isBlank()) {
            throw new NotebookFormatException(file, number, "metadata.nbgrader.grade_id", "missing");
        }
        double points = 0;
        if (grade || task) {
            JsonNode p = meta.path("points");
            if (!p.isNumber() && !(p.isTextual() && p.asText().matches("\\d+(\\.\\d+)?"))) {
                throw new NotebookFormatException(file, number, "metadata.nbgrader.points",
                        "a graded cell or task ('" + gradeId + "') needs a number of points");
            }
            points = p.asDouble();
            if (points < 0) {
                throw new NotebookFormatException(file, number, "metadata.nbgrader.points", "must not be negative");
            }
        }
        return new NotebookCell(number, type, source(cell), gradeId, points, grade, solution, locked, task);
    }
}

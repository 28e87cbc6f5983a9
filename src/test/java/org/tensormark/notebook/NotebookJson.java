package org.tensormark.notebook;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds small nbformat-4 notebooks as JSON text for tests. */
final class NotebookJson {

    private NotebookJson() {
    }

    static String cell(String type, String source, String nbgrader) {
        String outputs = type.equals("code") ? ", \"outputs\": [], \"execution_count\": null" : "";
        String meta = nbgrader == null ? "{}" : "{\"nbgrader\": " + nbgrader + "}";
        return "{\"cell_type\": \"" + type + "\", \"metadata\": " + meta + ", \"source\": " + quoted(source) + outputs + "}";
    }

    static String nbgrader(String id, boolean grade, boolean solution, boolean locked, Double points) {
        return "{\"grade_id\": \"" + id + "\", \"grade\": " + grade + ", \"solution\": " + solution + ", \"locked\": "
                + locked + (points == null ? "" : ", \"points\": " + points) + ", \"schema_version\": 3}";
    }

    static byte[] notebook(List<String> cells) {
        return ("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [" + String.join(", ", cells)
                + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

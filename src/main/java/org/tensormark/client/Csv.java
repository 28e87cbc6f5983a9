package org.tensormark.client;

import java.util.ArrayList;
import java.util.List;

/** Reads a CSV file a TA filled in (quoted fields, commas and line breaks inside quotes). */
final class Csv {

    private Csv() {
    }

    /** The file's records, one list of fields each; a blank line is an empty record, so lines keep their numbers. */
    static List<List<String>> read(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted && c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}

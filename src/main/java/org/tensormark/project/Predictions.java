package org.tensormark.project;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A leaderboard entry's predictions CSV, {@code id,prediction} with that header, read and checked
 * against the held-out ids: every id exactly once, nothing else. Mistakes are told by line.
 */
final class Predictions {

    private static final int MAX_LINE = 200;

    private Predictions() {
    }

    /** Id → predicted label, or an {@link IllegalArgumentException} saying what is wrong and where. */
    static Map<String, String> read(String csv, Set<String> ids) {
        String[] lines = csv.replace("\r\n", "\n").strip().split("\n");
        if (lines.length == 0 || !lines[0].strip().replace("\uFEFF", "").equals("id,prediction")) {
            throw new IllegalArgumentException("The first line must be the header 'id,prediction'.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            String[] cells = line.split(",", -1);
            if (line.length() > MAX_LINE || cells.length != 2 || cells[1].isBlank()) {
                throw new IllegalArgumentException("Line " + (i + 1) + " is not 'id,prediction'.");
            }
            String id = cells[0].strip();
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": '" + shorten(id) + "' is not a held-out id.");
            }
            if (out.put(id, cells[1].strip()) != null) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": '" + id + "' is predicted twice.");
            }
        }
        if (out.size() != ids.size()) {
            throw new IllegalArgumentException("Predict every held-out row: " + out.size() + " of " + ids.size()
                    + " ids are there.");
        }
        return out;
    }

    private static String shorten(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}

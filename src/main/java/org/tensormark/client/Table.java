package org.tensormark.client;

import java.io.PrintStream;
import java.util.List;

/** A table for people: a header row and aligned columns, a dash for empty cells. */
final class Table {

    private Table() {
    }

    static void print(PrintStream out, List<String> header, List<List<Object>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        line(out, header.stream().map(Object.class::cast).toList(), widths);
        rows.forEach(r -> line(out, r, widths));
    }

    private static void line(PrintStream out, List<Object> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cell(cells.get(i));
            b.append(i == 0 ? "" : "  ").append(c).append(" ".repeat(widths[i] - c.length()));
        }
        out.println(b.toString().stripTrailing());
    }

    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value).replace('\n', ' ');
    }
}

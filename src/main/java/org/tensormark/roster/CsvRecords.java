package org.tensormark.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets and LMSs write it: commas, double quotes around fields that hold
 * commas, quotes or line breaks, CRLF or LF line ends, an optional UTF-8 byte-order mark. Each
 * record knows the line of the file it starts on, so errors can name it.
 */
final class CsvRecords {

    /** One record: the line it starts on (1-based) and its fields. */
    record Record(int line, List<String> fields) {

        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    private CsvRecords() {
    }

    /** Every record of the text; an unterminated quoted field is an error naming its line. */
    static List<Record> parse(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(recordLine, List.copyOf(fields)));
                fields.clear();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + quoteLine + ": a quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}

package org.tensormark.tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python dict literal of a .npy header, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. Only what NumPy writes
 * is understood: strings, True/False, integers (with Python 2's {@code L} suffix), tuples and
 * lists. Nothing is ever evaluated.
 *
 * <p>The header comes from the student's sandbox, so the parser works within a budget: at most
 * {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} nested brackets. NumPy nests two deep for
 * a numeric array (the dict and its shape tuple); without a cap, a header of tens of thousands of
 * {@code [} would recurse until the grader's stack overflows.
 */
final class DictLiteral {

    /** The most characters of header text parsed; as many as {@link Npy} reads from a header. */
    static final int MAX_LENGTH = Npy.MAX_HEADER_BYTES;

    /** The most brackets (the dict's own brace included) open at once. */
    static final int MAX_DEPTH = 16;

    /** A parenthesised Python tuple; a Python list is a plain {@link List}. */
    record Tuple(List<Object> items) {
    }

    private final String entry;
    private final String text;
    private int pos;
    private int depth;

    private DictLiteral(String entry, String text) {
        this.entry = entry;
        this.text = text;
    }

    static Map<String, Object> parse(String entry, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new TensorFormatException(entry, "the .npy header is " + text.length()
                    + " characters long, more than the limit of " + MAX_LENGTH);
        }
        DictLiteral parser = new DictLiteral(entry, text);
        Map<String, Object> dict = parser.dict();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the closing brace");
        }
        return dict;
    }

    private Map<String, Object> dict() {
        expect('{');
        enter();
        Map<String, Object> dict = new LinkedHashMap<>();
        while (!tryConsume('}')) {
            int keyAt = pos;
            Object key = value();
            if (!(key instanceof String name)) {
                throw error("dict keys must be strings");
            }
            expect(':');
            if (dict.put(name, value()) != null) {
                pos = keyAt;
                throw error("duplicate key '" + name + "'");
            }
            if (!tryConsume(',')) {
                expect('}');
                break;
            }
        }
        depth--;
        return dict;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("value expected");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '(') {
            return new Tuple(sequence('(', ')'));
        }
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '-' || Character.isDigit(c)) {
            return integer();
        }
        if (text.startsWith("True", pos) || text.startsWith("False", pos)) {
            boolean value = text.startsWith("True", pos);
            pos += value ? 4 : 5;
            return value;
        }
        throw error("unexpected '" + c + "'");
    }

    private List<Object> sequence(char open, char close) {
        expect(open);
        enter();
        List<Object> items = new ArrayList<>();
        while (!tryConsume(close)) {
            items.add(value());
            if (!tryConsume(',')) {
                expect(close);
                break;
            }
        }
        depth--;
        return items;
    }

    /** Counts one more open bracket, refusing the header once they nest past the limit. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new TensorFormatException(entry, "the .npy header nests brackets more than " + MAX_DEPTH
                    + " deep, the limit; np.save never writes such a header for a numeric array");
        }
    }

    private String string(char quote) {
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos + 1, end);
        if (s.indexOf('\\') >= 0) {
            throw error("escape sequences are not supported");
        }
        pos = end + 1;
        return s;
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("not an integer that fits in 64 bits");
        }
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private boolean tryConsume(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private TensorFormatException error(String problem) {
        return new TensorFormatException(entry, "the .npy header is not a Python dict literal: " + problem
                + " at position " + pos + " of " + abbreviated());
    }

    private String abbreviated() {
        String clean = text.strip().replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
    }
}

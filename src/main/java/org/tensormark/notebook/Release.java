package org.tensormark.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives notebooks from a source notebook as nbgrader's {@code generate_assignment} does. The
 * student copy has every {@code ### BEGIN SOLUTION … ### END SOLUTION} region (or a whole answer
 * cell without one) replaced by the stub, every {@code ### BEGIN HIDDEN TESTS … ### END HIDDEN
 * TESTS} region removed, outputs cleared, locked cells marked read-only and checksummed. The
 * grading copy is the same but keeps the hidden tests; it never leaves the server except into a
 * grading sandbox.
 */
public final class Release {

    static final String CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()";
    static final String TEXT_STUB = "YOUR ANSWER HERE";
    private static final Pattern SOLUTION = Pattern.compile(
            "(?m)^([ \\t]*)#{2,3} BEGIN SOLUTION[^\\n]*\\n(?:.*\\n)*?[ \\t]*#{2,3} END SOLUTION[^\\n]*(\\n|\\z)");
    private static final Pattern HIDDEN = Pattern.compile(
            "(?m)^[ \\t]*#{2,3} BEGIN HIDDEN TESTS[^\\n]*\\n(?:.*\\n)*?[ \\t]*#{2,3} END HIDDEN TESTS[^\\n]*(\\n|\\z)");

    private Release() {
    }

    /** What a student downloads. */
    public static ObjectNode studentCopy(SourceNotebook source) {
        return derive(source, true);
    }

    /** What a grading sandbox receives: the student copy with the hidden tests kept. */
    public static ObjectNode gradingCopy(SourceNotebook source) {
        return derive(source, false);
    }

    private static ObjectNode derive(SourceNotebook source, boolean hideTests) {
        ObjectNode notebook = source.json().deepCopy();
        ArrayNode cells = (ArrayNode) notebook.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            ObjectNode cell = (ObjectNode) cells.get(i);
            NotebookCell c = source.cells().get(i);
            String text = c.solution() ? withoutSolutions(c) : c.source();
            text = hideTests && c.test() ? HIDDEN.matcher(text).replaceAll("") : text;
            cell.put("source", text);
            if (c.type().equals("code")) {
                cell.putArray("outputs");
                cell.putNull("execution_count");
            }
            if (c.nbgrader()) {
                NotebookCell released = new NotebookCell(c.number(), c.type(), text, c.gradeId(), c.points(), c.grade(),
                        c.solution(), c.lockedFlag() || c.locked(), c.task());
                ObjectNode meta = (ObjectNode) cell.get("metadata").get("nbgrader");
                meta.put("locked", released.locked());
                meta.put("checksum", NbgraderChecksum.of(released));
                if (released.locked()) {
                    ((ObjectNode) cell.get("metadata")).put("editable", false).put("deletable", false);
                }
            }
        }
        return notebook;
    }

    /** The cell with its solution regions replaced by the stub, indented as the region was. */
    static String withoutSolutions(NotebookCell cell) {
        Matcher m = SOLUTION.matcher(cell.source());
        if (!m.find()) {
            return cell.type().equals("code") ? CODE_STUB : TEXT_STUB;
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String indent = m.group(1);
            String stub = cell.type().equals("code") ? CODE_STUB : TEXT_STUB;
            List<String> lines = new ArrayList<>();
            stub.lines().forEach(line -> lines.add(indent + line));
            m.appendReplacement(out, Matcher.quoteReplacement(String.join("\n", lines) + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The cells of a derived notebook, for tests and tools. */
    static List<JsonNode> cells(ObjectNode notebook) {
        List<JsonNode> out = new ArrayList<>();
        notebook.get("cells").forEach(out::add);
        return out;
    }
}

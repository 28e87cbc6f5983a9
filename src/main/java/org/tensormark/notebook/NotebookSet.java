package org.tensormark.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The source notebooks of one assignment (an nbgrader {@code source/<assignment>/} folder as it
 * is), in the order they are graded: the order {@code parts} names, else by file name. A part is
 * a notebook's file name without {@code .ipynb}; a hand-in's notebook belongs to the part its name
 * ends with. Grade ids are unique across the set, so one id names one cell in feedback and in a
 * {@code wrong/} variant's EXPECT.
 */
public record NotebookSet(Path folder, List<SourceNotebook> notebooks) {

    public NotebookSet {
        notebooks = List.copyOf(notebooks);
    }

    /** Reads and checks every notebook in {@code folder}; {@code parts} may be empty (all, by name). */
    public static NotebookSet read(Path folder, List<String> parts) {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list source notebooks in " + folder, e);
        }
        Map<String, byte[]> contents = new TreeMap<>();
        for (Path file : parts.isEmpty() ? files : parts.stream().map(p -> folder.resolve(p + ".ipynb")).toList()) {
            if (!Files.isRegularFile(file)) {
                throw new NotebookFormatException(file.getFileName().toString(), 0, "parts", "no such notebook in " + folder);
            }
            try {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(folder, contents, parts);
    }

    /**
     * Checks the notebooks {@code contents} holds (file name to bytes, as stored for an assignment
     * version); {@code parts} may be empty (all, by file name).
     *
     * @param folder where they came from, named in messages
     */
    public static NotebookSet of(Path folder, Map<String, byte[]> contents, List<String> parts) {
        List<String> ordered = parts.isEmpty() ? new TreeMap<>(contents).keySet().stream().toList()
                : parts.stream().map(p -> p + ".ipynb").toList();
        List<SourceNotebook> notebooks = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        for (String name : ordered) {
            byte[] bytes = contents.get(name);
            if (bytes == null) {
                throw new NotebookFormatException(name, 0, "parts", "no such notebook in " + folder);
            }
            SourceNotebook nb = SourceNotebook.parse(name, bytes);
            for (NotebookCell c : nb.cells()) {
                String other = c.gradeId() == null ? null : ids.putIfAbsent(c.gradeId(), name);
                if (other != null) {
                    throw new NotebookFormatException(name, c.number(), "metadata.nbgrader.grade_id",
                            "'" + c.gradeId() + "' is also a grade_id in " + other);
                }
            }
            notebooks.add(nb);
        }
        if (notebooks.isEmpty()) {
            throw new NotebookFormatException(folder.toString(), 0, null, "holds no .ipynb notebook");
        }
        return new NotebookSet(folder, notebooks);
    }

    /** The part a notebook grades: its file name without the extension. */
    public static String part(SourceNotebook notebook) {
        return notebook.file().substring(0, notebook.file().length() - ".ipynb".length());
    }

    /** Every autograded test cell with its part, in grading order. */
    public List<GradedCell> tests() {
        return cells(true);
    }

    /** Every cell a TA grades by hand, with its part. */
    public List<GradedCell> manual() {
        return cells(false);
    }

    public double testPoints() {
        return tests().stream().mapToDouble(g -> g.cell().points()).sum();
    }

    private List<GradedCell> cells(boolean tests) {
        List<GradedCell> out = new ArrayList<>();
        for (SourceNotebook nb : notebooks) {
            nb.cells().stream().filter(c -> tests ? c.test() : c.manual()).forEach(c -> out.add(new GradedCell(part(nb), c)));
        }
        return out;
    }

    /** A graded cell and the part it belongs to. */
    public record GradedCell(String part, NotebookCell cell) {
    }
}

package org.tensormark.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code tensormark release-notebooks <source folder> <release folder>}: writes the student copy of
 * every source notebook (see {@link Release}) and prints what each holds. A fault in the source
 * is reported with its file, cell and field and nothing is written.
 */
public final class ReleaseCommand {

    private ReleaseCommand() {
    }

    public static int run(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: tensormark release-notebooks <source folder> <release folder>");
        }
        NotebookSet set;
        try {
            set = NotebookSet.read(Path.of(args[0]), List.of());
        } catch (NotebookFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        ObjectMapper json = new ObjectMapper();
        for (SourceNotebook nb : set.notebooks()) {
            Files.writeString(out.resolve(nb.file()), json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Release.studentCopy(nb)) + "\n");
            long tests = nb.cells().stream().filter(NotebookCell::test).count();
            long answers = nb.cells().stream().filter(NotebookCell::solution).count();
            System.out.printf("%-28s %d answer cells, %d test cells (%.1f points), %d manual%n", nb.file(), answers,
                    tests, nb.cells().stream().filter(NotebookCell::test).mapToDouble(NotebookCell::points).sum(),
                    nb.cells().stream().filter(NotebookCell::manual).count());
        }
        return 0;
    }
}

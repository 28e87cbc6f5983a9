package org.tensormark.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which locked cells the notebook runner flags as edited, for notebooks made from the release as a
 * student gets it: a test cell there has its hidden tests removed, which is not an edit. Run on
 * the host's python3 (the runner's merge of the student's cells with the grading copy, no sandbox),
 * with the release and grading copies made by {@link Release}.
 */
class LockedCellsTest {

    private static final Path SOURCE = Path.of("src/test/resources/notebook-assignments/nb-tiny/source");

    @TempDir
    Path dir;

    @Test
    void theReleasedNotebookHandedInAsItIsHasNoEditedLockedCell() throws Exception {
        assertEquals("[]", editedCells(""));
    }

    @Test
    void aVisibleTestEditedInTheReleasedNotebookIsStillFlagged() throws Exception {
        assertEquals("['t-total']", editedCells("""
                for c in student["cells"]:
                    if c["metadata"].get("nbgrader", {}).get("grade_id") == "t-total":
                        c["source"] = "assert True"
                """));
    }

    @Test
    void aTasksAnswerIsTheStudentsCellsAfterItUpToTheNextNbgraderCell() throws Exception {
        String task = NotebookJson.cell("markdown", "## Part E (4 points)", SourceNotebookTest.TASK);
        String next = NotebookJson.cell("code", "assert True", NotebookJson.nbgrader("t-next", true, false, false, 1.0));
        Path grading = Files.write(dir.resolve("grading.ipynb"), NotebookJson.notebook(List.of(task, next)));
        Path student = Files.write(dir.resolve("student.ipynb"), NotebookJson.notebook(List.of(task,
                NotebookJson.cell("markdown", "Arithmetic: n(a1 + an)/2", null),
                NotebookJson.cell("code", "print(sum(range(1, 11)))", null), next,
                NotebookJson.cell("code", "print('not part of the task')", null))));

        assertEquals("{'cell-938593c4a215c6cc': 'Arithmetic: n(a1 + an)/2\\n\\nprint(sum(range(1, 11)))'}", python("""
                import json, tensormark_notebooks
                student = json.load(open("%s"))
                grading = json.load(open("%s"))
                print(tensormark_notebooks.task_answers(student, grading))
                """.formatted(student, grading)));
    }

    /** The grade_ids the runner flags for Part_1's student copy after {@code change} (Python, on {@code student}). */
    private String editedCells(String change) throws IOException, InterruptedException {
        SourceNotebook part1 = NotebookSet.read(SOURCE, List.of("Part_1")).notebooks().get(0);
        Path student = Files.writeString(dir.resolve("student.ipynb"), Release.studentCopy(part1).toString());
        Path grading = Files.writeString(dir.resolve("grading.ipynb"), Release.gradingCopy(part1).toString());
        return python("""
                import json, tensormark_notebooks
                student = json.load(open("%s"))
                grading = json.load(open("%s"))
                %s
                _, _, edited = tensormark_notebooks.merged_cells(student, grading, "Part_1", [])
                print(edited)
                """.formatted(student, grading, change));
    }

    /** Runs a script on the host's python3 with the graders' folder on its path; returns what it printed. */
    private static String python(String script) throws IOException, InterruptedException {
        Path graders = Path.of("graders/python").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-B", "-c",
                "import sys; sys.path.insert(0, '" + graders + "')\n" + script)
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish within 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}

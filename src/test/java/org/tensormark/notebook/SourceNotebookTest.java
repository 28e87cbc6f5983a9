package org.tensormark.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensormark.notebook.NotebookJson.cell;
import static org.tensormark.notebook.NotebookJson.nbgrader;
import static org.tensormark.notebook.NotebookJson.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceNotebookTest {

    /** A task cell's metadata as nbgrader writes it. */
    static final String TASK = "{\"grade\": false, \"grade_id\": \"cell-938593c4a215c6cc\", \"locked\": true, \"points\": 4,"
            + " \"schema_version\": 3, \"solution\": false, \"task\": true}";

    @TempDir
    Path dir;

    @Test
    void aSourceNotebookYieldsItsAnswerTestAndManualCells() {
        SourceNotebook nb = SourceNotebook.parse("PartA_1.ipynb", notebook(List.of(
                cell("markdown", "# A1", nbgrader("intro", false, false, true, null)),
                cell("code", "x = 1", nbgrader("answer", false, true, false, null)),
                cell("code", "assert x == 1", nbgrader("t-x", true, false, false, 2.0)),
                cell("markdown", "Comment.", nbgrader("comment", true, true, false, 3.0)),
                cell("code", "print(x)", null))));
        assertEquals(5, nb.cells().size());
        assertTrue(nb.cells().get(0).locked());
        assertTrue(nb.cells().get(2).test());
        assertTrue(nb.cells().get(2).locked());
        assertTrue(nb.cells().get(3).manual());
        assertEquals(2.0, nb.cells().get(2).points());
    }

    /** nbgrader's task cells (0.6 and later), as its own documentation's ps1 ends: "Part E (4 points)". */
    @Test
    void aTaskCellIsGradedByHandWithItsPoints() {
        SourceNotebook nb = SourceNotebook.parse("problem1.ipynb", notebook(List.of(
                cell("code", "assert True", nbgrader("t-1", true, false, false, 1.0)),
                cell("markdown", "## Part E (4 points)\nState the formulae.", TASK))));
        NotebookCell task = nb.cells().get(1);
        assertTrue(task.task());
        assertTrue(task.manual(), "a TA grades a task");
        assertTrue(task.locked());
        assertEquals(4.0, task.points());
        assertTrue(!task.test());
    }

    @Test
    void aTaskWithoutPointsNamesTheFileTheCellAndTheField() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> SourceNotebook.parse("A1.ipynb",
                notebook(List.of(cell("markdown", "Do it.", TASK.replace(", \"points\": 4", ""))))));
        assertEquals(1, e.cell());
        assertEquals("metadata.nbgrader.points", e.field());
    }

    @Test
    void aDuplicateGradeIdNamesTheFileTheCellAndTheField() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> SourceNotebook.parse("A1.ipynb",
                notebook(List.of(cell("code", "x = 1", nbgrader("answer", false, true, false, null)),
                        cell("code", "y = 1", nbgrader("answer", false, true, false, null))))));
        assertEquals("A1.ipynb, cell 2, field metadata.nbgrader.grade_id: 'answer' is also the grade_id of cell 1",
                e.getMessage());
    }

    @Test
    void aTestCellWithoutPointsNamesTheFileTheCellAndTheField() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> SourceNotebook.parse("A1.ipynb",
                notebook(List.of(cell("markdown", "intro", null),
                        cell("code", "assert True", nbgrader("t-1", true, false, false, null))))));
        assertEquals(2, e.cell());
        assertEquals("metadata.nbgrader.points", e.field());
        assertTrue(e.getMessage().startsWith("A1.ipynb, cell 2, field metadata.nbgrader.points: "), e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithTheLineOfTheFault() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class,
                () -> SourceNotebook.parse("A1.ipynb", "{\"nbformat\": 4,\n \"cells\": [".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("A1.ipynb: not JSON ("), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void anNbformat3NotebookIsRefusedNamingTheField() {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> SourceNotebook.parse("old.ipynb",
                "{\"nbformat\": 3, \"worksheets\": []}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("nbformat", e.field());
        assertTrue(e.getMessage().contains("nbformat 3 is not supported"), e.getMessage());
    }

    @Test
    void aGradeIdUsedInTwoNotebooksOfOneAssignmentIsRefused() throws Exception {
        Files.write(dir.resolve("PartA_1.ipynb"), notebook(List.of(cell("code", "assert True", nbgrader("t-1", true, false, false, 1.0)))));
        Files.write(dir.resolve("PartA_2.ipynb"), notebook(List.of(cell("code", "assert True", nbgrader("t-1", true, false, false, 1.0)))));
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> NotebookSet.read(dir, List.of()));
        assertEquals("PartA_2.ipynb, cell 1, field metadata.nbgrader.grade_id: 't-1' is also a grade_id in PartA_1.ipynb",
                e.getMessage());
    }

    @Test
    void theSetIsGradedInTheDeclaredOrderOfParts() throws Exception {
        Files.write(dir.resolve("PartA_1.ipynb"), notebook(List.of(cell("code", "assert True", nbgrader("t-1", true, false, false, 1.0)))));
        Files.write(dir.resolve("PartA_2.ipynb"), notebook(List.of(cell("code", "assert True", nbgrader("t-2", true, false, false, 2.5)))));
        NotebookSet set = NotebookSet.read(dir, List.of("PartA_2", "PartA_1"));
        assertEquals(List.of("t-2", "t-1"), set.tests().stream().map(g -> g.cell().gradeId()).toList());
        assertEquals(3.5, set.testPoints());
    }
}

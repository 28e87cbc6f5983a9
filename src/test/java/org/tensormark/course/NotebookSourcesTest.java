package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookSourcesTest {

    private static final String TEST_CELL = "{\"cell_type\": \"code\", \"metadata\": {\"nbgrader\": {\"grade_id\": \"%s\","
            + " \"grade\": true, \"solution\": false, %s}}, \"source\": \"assert True\", \"outputs\": [], \"execution_count\": null}";

    @TempDir
    Path dir;

    private Path assignment(String... cells) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nb"));
        Files.writeString(folder.resolve("assignment.yaml"), """
                id: nb
                course: toycourse
                title: Notebooks
                release: "-1d"
                due: "+1d"
                files:
                  - role: code
                    types: [zip]
                    max_size: 1MB
                checks:
                  - id: notebooks
                    kind: notebook
                    points: 2
                """);
        Files.createDirectories(folder.resolve("source"));
        Files.writeString(folder.resolve("source/PartA_1.ipynb"), "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {},"
                + " \"cells\": [" + String.join(", ", cells) + "]}");
        return folder;
    }

    @Test
    void syncRefusesASourceWithADuplicateGradeIdNamingFileCellAndField() throws Exception {
        Path folder = assignment(TEST_CELL.formatted("t-1", "\"points\": 1"), TEST_CELL.formatted("t-1", "\"points\": 1"));
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> AssignmentPreview.of(folder));
        assertTrue(e.getMessage().contains("PartA_1.ipynb, cell 2, field metadata.nbgrader.grade_id: 't-1' is also the"
                + " grade_id of cell 1"), e.getMessage());
    }

    @Test
    void syncRefusesATestCellWithoutPointsNamingFileCellAndField() throws Exception {
        Path folder = assignment(TEST_CELL.formatted("t-1", "\"locked\": true"));
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> AssignmentPreview.of(folder));
        assertTrue(e.getMessage().contains("PartA_1.ipynb, cell 1, field metadata.nbgrader.points"), e.getMessage());
    }

    @Test
    void aNotebookCheckMustBeWorthWhatItsTestCellsAddUpTo() throws Exception {
        Path folder = assignment(TEST_CELL.formatted("t-1", "\"points\": 1"));
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> AssignmentPreview.of(folder));
        assertTrue(e.getMessage().contains("2.0 differs from the 1.0 points of the test cells"), e.getMessage());
    }

    @Test
    void syncRefusesAReferenceWithASettingOfTheWrongTypeNamingIt() throws Exception {
        Path folder = assignment(TEST_CELL.formatted("t-1", "\"points\": 1"), TEST_CELL.formatted("t-2", "\"points\": 1"));
        Files.writeString(folder.resolve("assignment.yaml"), Files.readString(folder.resolve("assignment.yaml"))
                + "    references:\n      acc: {data: data/a.csv, classes: [x, y], hidden: [8], lr: fast}\n");
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> AssignmentPreview.of(folder));
        assertTrue(e.getMessage().contains("references.acc.lr must be a number, not 'fast'"), e.getMessage());
    }

    @Test
    void aSoundSourceIsAccepted() throws Exception {
        Path folder = assignment(TEST_CELL.formatted("t-1", "\"points\": 1"), TEST_CELL.formatted("t-2", "\"points\": 1"));
        assertEquals("notebook", AssignmentPreview.of(folder).checks().get(0).kind());
    }
}

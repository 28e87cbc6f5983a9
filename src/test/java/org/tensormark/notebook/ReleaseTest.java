package org.tensormark.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tensormark.notebook.NotebookJson.cell;
import static org.tensormark.notebook.NotebookJson.nbgrader;
import static org.tensormark.notebook.NotebookJson.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    private static final SourceNotebook SOURCE = SourceNotebook.parse("PartA_1.ipynb", notebook(List.of(
            cell("code", "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n",
                    nbgrader("answer", false, true, false, null)),
            cell("code", "assert total == 6\n### BEGIN HIDDEN TESTS\nassert total > 5\n### END HIDDEN TESTS\n",
                    nbgrader("t-total", true, false, false, 2.0)),
            cell("markdown", "Explain.", nbgrader("comment", true, true, false, 1.5)),
            cell("code", "total = 6", nbgrader("whole", false, true, false, null)))));

    private static JsonNode released(ObjectNode notebook, int index) {
        return notebook.get("cells").get(index);
    }

    @Test
    void theStudentCopyReplacesEachSolutionRegionByTheStubAtItsIndentation() {
        ObjectNode release = Release.studentCopy(SOURCE);
        assertEquals("def f():\n    # YOUR CODE HERE\n    raise NotImplementedError()\n", released(release, 0).get("source").asText());
    }

    @Test
    void anAnswerCellWithoutSolutionMarkersIsReplacedWhole() {
        assertEquals("# YOUR CODE HERE\nraise NotImplementedError()", released(Release.studentCopy(SOURCE), 3).get("source").asText());
        assertEquals("YOUR ANSWER HERE", released(Release.studentCopy(SOURCE), 2).get("source").asText());
    }

    @Test
    void theStudentCopyLeavesOutTheHiddenTestsAndTheGradingCopyKeepsThem() {
        assertEquals("assert total == 6\n", released(Release.studentCopy(SOURCE), 1).get("source").asText());
        assertEquals(SOURCE.cells().get(1).source(), released(Release.gradingCopy(SOURCE), 1).get("source").asText());
        assertFalse(Release.studentCopy(SOURCE).toString().contains("total > 5"));
    }

    @Test
    void checksumsAreTheOnesNbgraderComputesForTheReleasedCells() {
        // Values from nbgrader's utils.compute_checksum (md5 of source, type, is_grade, is_solution,
        // is_locked, grade_id and str(float(points))), computed in Python for these cells.
        ObjectNode release = Release.studentCopy(SOURCE);
        assertEquals("7b63f05a009d2ac431b9a1a9c9666948", released(release, 0).at("/metadata/nbgrader/checksum").asText());
        assertEquals("6ed68608b9858e1f57ddcae18855b06c", released(release, 1).at("/metadata/nbgrader/checksum").asText());
    }

    @Test
    void aPointValueIsHashedAsPythonPrintsAFloat() {
        NotebookCell manual = new NotebookCell(1, "markdown", "Explain.", "comment", 1.5, true, true, false, false);
        assertEquals("e39daa14a9d252965383dacac2d3880d", NbgraderChecksum.of(manual));
        assertEquals("2.0", NbgraderChecksum.pythonFloat(2));
        assertEquals("0.25", NbgraderChecksum.pythonFloat(0.25));
    }

    @Test
    void lockedCellsAreMarkedReadOnlyAndOutputsCleared() {
        JsonNode test = released(Release.studentCopy(SOURCE), 1);
        assertEquals(true, test.at("/metadata/nbgrader/locked").asBoolean());
        assertEquals(false, test.at("/metadata/editable").asBoolean(true));
        assertEquals(0, test.get("outputs").size());
    }
}

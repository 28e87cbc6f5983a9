package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo course's notebook assignment (assignments/demo-notebook, which the web e2e hands in)
 * through check-assignment and the real sandbox. Its solution and wrong variant are notebooks as
 * a student makes them from the release (hidden tests absent), so they show that such a hand-in is
 * not flagged for editing locked cells.
 */
class DemoNotebookAssignmentTest {

    private static AssignmentCheck.Report report;

    @BeforeAll
    static void gradeEveryVariant() throws Exception {
        report = AssignmentCheck.run(Path.of("assignments/demo-notebook"));
    }

    private static AssignmentCheck.VariantResult variant(String name) {
        return report.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theWrongVariantLosesExactlyTheTestCellItsExpectNames() {
        assertTrue(report.allAsExpected(), report.table());
        assertEquals(1.0, variant("wrong/mean-of-the-first-row").points(), report.table());
    }

    @Test
    void aNotebookFilledInFromTheReleaseKeepsFullMarksAndNoLockedCellIsFlaggedAsEdited() {
        AssignmentCheck.VariantResult solution = variant("solution");
        assertEquals(3.0, solution.points(), report.table());
        CheckOutcome notebooks = solution.checks().get(0);
        assertEquals(Map.of(), notebooks.details().get("editedLockedCells"));
        assertFalse(notebooks.summary().contains("locked cells were edited"), notebooks.summary());
    }
}

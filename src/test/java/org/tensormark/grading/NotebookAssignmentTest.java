package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A two-notebook nbgrader assignment (src/test/resources/notebook-assignments/nb-tiny) graded end
 * to end through check-assignment and the real sandbox: the solution keeps full marks despite its
 * install and Colab lines, and every wrong variant loses exactly the test cells its EXPECT names.
 */
class NotebookAssignmentTest {

    private static AssignmentCheck.Report report;

    @BeforeAll
    static void gradeEveryVariant() throws Exception {
        report = AssignmentCheck.run(Path.of("src/test/resources/notebook-assignments/nb-tiny"));
    }

    private static AssignmentCheck.VariantResult variant(String name) {
        return report.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> details(String name) {
        return variant(name).checks().get(0).details();
    }

    @Test
    void everyVariantLosesExactlyTheTestCellsItsExpectNames() {
        assertTrue(report.allAsExpected(), report.table());
    }

    @Test
    void theSolutionKeepsFullMarksAndIsToldItsInstallAndDriveLinesWereSkipped() {
        assertEquals(4.0, variant("solution").points(), report.table());
        List<?> notices = (List<?>) details("solution").get("notices");
        assertTrue(notices.stream().anyMatch(n -> n.toString().contains("'!pip install numpy' was skipped")), notices.toString());
        assertTrue(notices.stream().anyMatch(n -> n.toString().contains("drive.mount")), notices.toString());
    }

    @Test
    void eachPartsWallTimeIsRecorded() {
        Map<?, ?> seconds = (Map<?, ?>) details("solution").get("secondsPerPart");
        assertEquals(List.of("Part_1", "Part_2"), List.copyOf(seconds.keySet()));
    }

    @Test
    void anEditedLockedTestCellIsRestoredAndFlagged() {
        assertEquals(Map.of("Part_1", List.of("t-total")), details("wrong/locked-test-edited").get("editedLockedCells"));
        assertTrue(variant("wrong/locked-test-edited").checks().get(0).summary().contains("locked cells were edited"));
    }

    @Test
    void aFailingTestCellShowsItsAssertionMessage() {
        String cells = details("wrong/wrong-sum").get("cells").toString();
        assertTrue(cells.contains("AssertionError: total is 3, the column sums to 6"), cells);
    }

    @Test
    void aTestCellEndingInANumberEarnsThatManyPoints() {
        assertEquals(2.5, variant("wrong/partial-credit").points(), report.table());
    }

    @Test
    void aNotebookThatNeverEndsTimesOutAndTheNextOneStillRuns() {
        String notices = details("wrong/part-1-never-ends").get("notices").toString();
        assertTrue(notices.contains("Part_1 did not finish within its time limit of 8 s"), notices);
        assertTrue(notices.contains("Part_1 cell 3 (p1-answer) was still running when Part_1 stopped"), notices);
        assertTrue(notices.contains("Part_2 cell 1 (p2-answer) raised FileNotFoundError"), "Part_2 ran, found no total.txt: " + notices);
    }

    @Test
    void aNotebookThatReplacesAssertionErrorJsonAndExecForgesNoPass() {
        assertEquals(0.0, variant("wrong/forges-the-results").points(), report.table());
    }

    @Test
    void aCellForTheTaCarriesTheStudentsWrittenAnswer() {
        String manual = details("solution").get("manual").toString();
        assertTrue(manual.contains("gradeId=p1-why, points=1.0, answer=Why is the sum 6?"), manual);
    }
}

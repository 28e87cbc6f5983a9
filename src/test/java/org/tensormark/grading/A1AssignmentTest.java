package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assignment a1 (neurons to backprop) through the real sandbox and reference models: the
 * solution scores full marks on every automatic check and each wrong variant loses exactly the
 * checks its EXPECT file names.
 */
class A1AssignmentTest {

    @Test
    void solutionHasFullMarksAndEveryWrongVariantLosesExactlyItsChecks() throws Exception {
        AssignmentCheck.Report report = AssignmentCheck.run(Path.of("assignments/a1"));
        System.out.print(report.table());
        assertEquals("a1", report.assignment());

        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals("solution", solution.name());
        assertTrue(solution.checks().size() >= 20, "the solution is graded on every automatic check");
        assertEquals(solution.maxPoints(), solution.points(), 1e-9, "solution must score full marks");
        assertTrue(solution.lost().isEmpty(), "solution lost " + solution.lost());

        List<AssignmentCheck.VariantResult> wrong = report.variants().subList(1, report.variants().size());
        assertTrue(wrong.size() >= 6, "at least six wrong variants, got " + wrong.size());
        for (AssignmentCheck.VariantResult v : wrong) {
            assertFalse(v.expectedLost().isEmpty(), v.name() + " has no EXPECT checks");
            assertEquals(v.expectedLost(), v.lost(), v.name() + " lost other checks than its EXPECT file names");
            assertTrue(v.points() < solution.points(), v.name() + " scores as much as the solution");
        }
        assertTrue(report.allAsExpected());
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Assignment a3 (sequences and attention) through the real sandbox and the DJL
 * reference: the solution earns every automatic point and each wrong variant loses exactly the
 * checks its EXPECT file names.
 */
class A3AssignmentTest {

    /** The automatic checks of assignments/a3/assignment.yaml and their points. */
    private static final double AUTOMATIC_POINTS = 85;

    @Test
    void solutionHasFullMarksAndEveryWrongVariantLosesExactlyItsChecks() throws Exception {
        AssignmentCheck.Report report = AssignmentCheck.run(Path.of("assignments/a3"));
        System.out.print(report.table());

        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals("solution", solution.name());
        assertEquals(AUTOMATIC_POINTS, solution.maxPoints(), 1e-9);
        assertEquals(AUTOMATIC_POINTS, solution.points(), 1e-9);
        assertEquals(Set.of(), solution.lost());
        assertEquals(22, solution.checks().size(), "every tensor and module check is graded");
        assertTrue(solution.checks().stream().allMatch(c -> c.status() == CheckOutcome.Status.PASSED));

        List<AssignmentCheck.VariantResult> wrong = report.variants().subList(1, report.variants().size());
        assertTrue(wrong.size() >= 10, "at least ten wrong variants, got " + wrong.size());
        for (AssignmentCheck.VariantResult v : wrong) {
            assertFalse(v.expectedLost().isEmpty(), v.name() + " names no check to lose");
            assertEquals(v.expectedLost(), v.lost(), v.name() + " lost other checks than its EXPECT file names");
            assertTrue(v.points() < v.maxPoints(), v.name() + " kept full marks");
        }
        assertTrue(report.allAsExpected());

        Set<String> caught = wrong.stream().flatMap(v -> v.lost().stream()).collect(Collectors.toSet());
        Set<String> all = solution.checks().stream().map(CheckOutcome::checkId).collect(Collectors.toSet());
        assertEquals(all, caught, "every automatic check catches at least one wrong variant");
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course's assignments a1–a4 through the real sandbox and the DJL reference: each solution
 * earns every automatic point and each wrong variant loses exactly the checks its EXPECT file names.
 */
class CourseAssignmentsTest {

    /**
     * What one assignment folder must show.
     *
     * @param id the folder under {@code assignments/}
     * @param automaticPoints the points of its automatic checks in assignment.yaml
     * @param automaticChecks how many tensor, module and train checks it declares
     * @param minimumWrongVariants how many {@code wrong/} variants it must have at least
     * @param everyCheckCatchesAVariant whether each automatic check must fail at least one variant
     */
    record Expected(String id, double automaticPoints, int automaticChecks, int minimumWrongVariants,
            boolean everyCheckCatchesAVariant) {

        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Expected> assignments() {
        return Stream.of(
                new Expected("a1", 85, 26, 6, false),
                new Expected("a2", 82, 23, 6, true),
                new Expected("a3", 111, 34, 10, true),
                new Expected("a4", 70, 20, 10, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignments")
    void solutionHasFullMarksAndEveryWrongVariantLosesExactlyItsChecks(Expected expected) throws Exception {
        AssignmentCheck.Report report = AssignmentCheck.run(Path.of("assignments", expected.id()));
        System.out.print(report.table());
        assertEquals(expected.id(), report.assignment());

        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals("solution", solution.name());
        assertEquals(expected.automaticPoints(), solution.maxPoints(), 1e-9);
        assertEquals(expected.automaticPoints(), solution.points(), 1e-9, "the solution must score full marks");
        assertEquals(Set.of(), solution.lost());
        assertEquals(expected.automaticChecks(), solution.checks().size(), "every automatic check is graded");
        assertTrue(solution.checks().stream().allMatch(c -> c.status() == CheckOutcome.Status.PASSED));

        List<AssignmentCheck.VariantResult> wrong = report.variants().subList(1, report.variants().size());
        assertTrue(wrong.size() >= expected.minimumWrongVariants(),
                "at least " + expected.minimumWrongVariants() + " wrong variants, got " + wrong.size());
        for (AssignmentCheck.VariantResult v : wrong) {
            assertFalse(v.expectedLost().isEmpty(), v.name() + " names no check to lose");
            assertEquals(v.expectedLost(), v.lost(), v.name() + " lost other checks than its EXPECT file names");
            assertTrue(v.points() < v.maxPoints(), v.name() + " kept full marks");
        }
        assertTrue(report.allAsExpected());

        if (expected.everyCheckCatchesAVariant()) {
            Set<String> caught = wrong.stream().flatMap(v -> v.lost().stream()).collect(Collectors.toSet());
            Set<String> all = solution.checks().stream().map(CheckOutcome::checkId).collect(Collectors.toSet());
            assertEquals(all, caught, "every automatic check catches at least one wrong variant");
        }
    }
}

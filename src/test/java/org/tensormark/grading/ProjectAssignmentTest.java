package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The group project (assignments/project) through the real sandbox: the solution passes the smoke
 * run, the report and the video checks, and each wrong variant loses exactly the check its EXPECT
 * file names, with feedback that says why.
 */
class ProjectAssignmentTest {

    @Test
    void solutionHasFullMarksAndEveryWrongVariantLosesExactlyItsCheck() throws Exception {
        AssignmentCheck.Report report = AssignmentCheck.run(Path.of("assignments/project"));
        System.out.print(report.table());
        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals(25, solution.maxPoints(), 1e-9);
        assertEquals(25, solution.points(), 1e-9);
        assertEquals(Set.of(), solution.lost());
        assertTrue(messages(solution, "smoke").get(0).startsWith("`python run.py --small` ran in"),
                messages(solution, "smoke").toString());
        assertTrue(messages(solution, "smoke").get(1).matches("It wrote figure\\.png \\(\\d+ bytes, a PNG image\\)\\."),
                messages(solution, "smoke").toString());
        assertTrue(report.allAsExpected(), report.table());
        assertEquals(9, report.variants().size());

        assertTrue(messages(variant(report, "wrong/report-missing-member"), "report")
                .contains("The report does not name Carol Tan (U2234567F)."));
        assertTrue(messages(variant(report, "wrong/video-too-long"), "video")
                .contains("It lasts 5:00.040; the limit is 5:00.000."));
        assertTrue(messages(variant(report, "wrong/smoke-wrong-file"), "smoke")
                .contains("It did not write figure.png, which the handout asks for."));
        assertTrue(messages(variant(report, "wrong/smoke-too-slow"), "smoke").get(0)
                .contains("was stopped at the time limit of 15.0 s"));
    }

    private static AssignmentCheck.VariantResult variant(AssignmentCheck.Report report, String name) {
        return report.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(AssignmentCheck.VariantResult v, String check) {
        CheckOutcome c = v.checks().stream().filter(x -> x.checkId().equals(check)).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) c.details().get("findings")).stream()
                .map(f -> String.valueOf(f.get("message"))).toList();
    }
}

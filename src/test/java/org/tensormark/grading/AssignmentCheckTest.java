package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-assignment grades the solution and the wrong variants through the real sandbox. */
class AssignmentCheckTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theSolutionPassesAndEachWrongVariantLosesItsCheck() throws Exception {
        write("toy/assignment.yaml", """
                id: toy
                course: toycourse
                title: Toy
                release: "-1d"
                due: "+1d"
                files:
                  - role: code
                    types: [py]
                    max_size: 1MB
                checks:
                  - id: softmax
                    kind: tensor
                    points: 3
                    visibility: visible
                    function: softmax
                    args: [x]
                    inputs: {x: {shape: [3, 4]}}
                    outputs: [y]
                    cases: [{seed: 1}, {seed: 2, scale: {x: 1000}}]
                  - id: relu
                    kind: tensor
                    points: 1
                    visibility: hidden
                    function: relu
                    args: [x]
                    inputs: {x: {shape: [2, 5]}}
                    outputs: [y]
                    cases: [{seed: 3}]
                """);
        write("toy/solution/toy.py", GradingPipelineTest.SOLUTION);
        write("toy/wrong/overflow/toy.py", GradingPipelineTest.OVERFLOWING.replace("return x\n", "return np.maximum(x, 0)\n"));
        write("toy/wrong/overflow/EXPECT", "softmax\n");
        write("toy/wrong/identity-relu/toy.py", GradingPipelineTest.SOLUTION.replace("np.maximum(x, 0)", "x"));
        write("toy/wrong/identity-relu/EXPECT", "relu\n");
        write("toy/wrong/mislabelled/toy.py", GradingPipelineTest.SOLUTION.replace("np.maximum(x, 0)", "x"));
        write("toy/wrong/mislabelled/EXPECT", "softmax\n");

        AssignmentCheck.Report report = AssignmentCheck.run(dir.resolve("toy"));
        System.out.print(report.table());
        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals(4.0, solution.points(), 1e-9);
        assertTrue(solution.asExpected());
        assertEquals(Set.of("softmax"), report.variants().stream().filter(v -> v.name().equals("wrong/overflow"))
                .findFirst().orElseThrow().lost());
        assertFalse(report.variants().stream().filter(v -> v.name().equals("wrong/mislabelled")).findFirst()
                .orElseThrow().asExpected(), "a variant that loses other checks than it claims is reported");
        assertFalse(report.allAsExpected());
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A correct backprop that returns its weight gradients as transposes ({@code (x.T @ d).T}, which
 * NumPy holds in Fortran order) scores full marks through the real sandbox, harness and reader,
 * handed in as a .py file and as a notebook.
 */
class TransposedAnswerTest {

    private static final String CHECKS = """
            id: transposed
            course: toycourse
            title: Transposed gradients
            release: "-1d"
            due: "+1d"
            files:
              - role: code
                types: [py, ipynb]
                max_size: 1MB
            checks:
              - id: backprop-worked-example
                kind: tensor
                points: 4
                function: backprop
                reference: sigmoid_backprop
                args: [x, target, hidden.weight, hidden.bias, output.weight, output.bias]
                inputs:
                  x: {value: [[0.05, 0.10]]}
                  target: {value: [[0.01, 0.99]]}
                  hidden.weight: {value: [[0.15, 0.20], [0.25, 0.30]]}
                  hidden.bias: {value: [0.35, 0.35]}
                  output.weight: {value: [[0.40, 0.45], [0.50, 0.55]]}
                  output.bias: {value: [0.60, 0.60]}
                outputs: [output, loss, hidden.weight.grad, hidden.bias.grad, output.weight.grad, output.bias.grad]
                cases: [{seed: 0}]
                rtol: 1.0e-6
                atol: 1.0e-10
              - id: backprop
                kind: tensor
                points: 7
                function: backprop
                reference: sigmoid_backprop
                args: [x, target, hidden.weight, hidden.bias, output.weight, output.bias]
                inputs:
                  x: {shape: [4, 3], dist: normal}
                  target: {shape: [4, 2], dist: uniform, low: 0, high: 1}
                  hidden.weight: {shape: [5, 3], dist: normal}
                  hidden.bias: {shape: [5], dist: normal}
                  output.weight: {shape: [2, 5], dist: normal}
                  output.bias: {shape: [2], dist: normal}
                outputs: [output, loss, hidden.weight.grad, hidden.bias.grad, output.weight.grad, output.bias.grad]
                cases: [{seed: 1}, {seed: 2, shape: {x: [1, 3], target: [1, 2]}}, {seed: 3}]
                rtol: 1.0e-6
                atol: 1.0e-10
            """;

    private static final String IMPORTS = "import numpy as np\n";

    private static final String BACKPROP = """
            def backprop(x, target, w1, b1, w2, b2):
                n = x.shape[0]
                h = 1 / (1 + np.exp(-(x @ w1.T + b1)))
                o = 1 / (1 + np.exp(-(h @ w2.T + b2)))
                loss = np.sum((target - o) ** 2) / (2 * n)
                delta_o = (o - target) * o * (1 - o) / n
                delta_h = (delta_o @ w2) * h * (1 - h)
                return o, loss, (x.T @ delta_h).T, delta_h.sum(axis=0), (h.T @ delta_o).T, delta_o.sum(axis=0)
            """;

    @TempDir
    Path dir;

    @Test
    void aPythonFileReturningTransposedGradientsScoresFullMarks() throws Exception {
        write("transposed/assignment.yaml", CHECKS);
        write("transposed/solution/backprop.py", IMPORTS + "\n\n" + BACKPROP);
        assertFullMarks(AssignmentCheck.run(dir.resolve("transposed")));
    }

    @Test
    void aNotebookReturningTransposedGradientsScoresFullMarks() throws Exception {
        write("transposed/assignment.yaml", CHECKS);
        Map<String, Object> notebook = Map.of("nbformat", 4, "nbformat_minor", 5, "metadata", Map.of(),
                "cells", List.of(
                        Map.of("cell_type", "markdown", "metadata", Map.of(), "source", List.of("# Backprop\n")),
                        codeCell(1, IMPORTS + "%matplotlib inline\n"),
                        codeCell(2, BACKPROP)));
        write("transposed/solution/backprop.ipynb", new ObjectMapper().writeValueAsString(notebook));
        assertFullMarks(AssignmentCheck.run(dir.resolve("transposed")));
    }

    private static Map<String, Object> codeCell(int count, String source) {
        return Map.of("cell_type", "code", "execution_count", count, "metadata", Map.of(), "outputs", List.of(),
                "source", source);
    }

    private static void assertFullMarks(AssignmentCheck.Report report) {
        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals(2, solution.checks().size(), report.table());
        assertEquals(11.0, solution.points(), 1e-9, report.table());
        assertTrue(solution.lost().isEmpty(), report.table());
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

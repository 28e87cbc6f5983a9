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

    static final String XOR_TRAINER = """
            import numpy as np

            def train(X, y, budget_seconds, lr=0.5):
                rng = np.random.default_rng(0)
                W1, b1 = rng.normal(0, 1, (2, 16)), np.zeros(16)
                W2, b2 = rng.normal(0, 1, (16, 2)), np.zeros(2)
                Y = np.eye(2)[y]
                for _ in range(3000):
                    h = np.tanh(X @ W1 + b1)
                    z = h @ W2 + b2
                    p = np.exp(z - z.max(1, keepdims=True))
                    p /= p.sum(1, keepdims=True)
                    g = (p - Y) / len(X)
                    gh = g @ W2.T * (1 - h ** 2)
                    W2 -= LR * (h.T @ g); b2 -= LR * g.sum(0)
                    W1 -= LR * (X.T @ gh); b1 -= LR * gh.sum(0)
                return W1, b1, W2, b2

            def predict(model, X):
                W1, b1, W2, b2 = model
                return np.argmax(np.tanh(X @ W1 + b1) @ W2 + b2, axis=1)
            """;

    @Test
    void aTrainCheckMeasuresHeldOutAccuracyAgainstTheReferenceModel() throws Exception {
        write("xor/assignment.yaml", """
                id: xor
                course: toycourse
                title: XOR
                release: "-1d"
                due: "+1d"
                files:
                  - role: code
                    types: [py]
                    max_size: 1MB
                checks:
                  - id: xor
                    kind: train
                    points: 5
                    dataset: xor
                    seed: 7
                    n_train: 200
                    n_test: 400
                    noise: 0.05
                    budget_seconds: 20
                    reference: {hidden: [16], epochs: 400, lr: 0.5}
                    full_marks_at: 0.95
                    zero_at: 0.6
                """);
        write("xor/solution/net.py", XOR_TRAINER.replace("LR", "lr"));
        write("xor/wrong/never-learns/net.py", XOR_TRAINER.replace("LR", "0.0"));
        write("xor/wrong/never-learns/EXPECT", "xor\n");

        AssignmentCheck.Report report = AssignmentCheck.run(dir.resolve("xor"));
        System.out.print(report.table());
        assertTrue(report.allAsExpected(), report.table());
        assertEquals(5.0, report.variants().get(0).points(), 1e-9);
        assertEquals(0.0, report.variants().get(1).points(), 1e-9);
        org.hamcrest.MatcherAssert.assertThat(report.variants().get(0).checks().get(0).summary(),
                org.hamcrest.Matchers.containsString("reference model"));
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

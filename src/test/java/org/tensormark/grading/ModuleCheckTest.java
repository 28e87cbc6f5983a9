package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code module} check through the real sandbox and the DJL reference: a hand-written RNN
 * module (forward and backward against {@code rnn_tanh}) and a batch-norm module graded in train
 * and in eval mode. Each wrong variant loses exactly the check it deserves, with the reason.
 */
class ModuleCheckTest {

    @TempDir
    static Path dir;

    static AssignmentCheck.Report report;

    static final String ASSIGNMENT = """
            id: modules
            course: toycourse
            title: Modules
            release: "-1d"
            due: "+1d"
            files:
              - role: code
                types: [py]
                max_size: 1MB
            checks:
              - id: rnn
                kind: module
                points: 4
                class: RNN
                init: {input_size: 3, hidden_size: 4}
                reference: rnn_tanh
                mode: train
                parameters:
                  weight_ih_l0: {shape: [4, 3], scale: 0.5}
                  weight_hh_l0: {shape: [4, 4], scale: 0.5}
                  bias_ih_l0: {shape: [4], scale: 0.1}
                  bias_hh_l0: {shape: [4], scale: 0.1}
                args: [input]
                inputs:
                  input: {shape: [5, 2, 3]}
                  grad_output: {shape: [5, 2, 4]}
                outputs: [output, h_n]
                backward: output
                cases:
                  - {seed: 1}
                  - {seed: 2, shape: {input: [1, 1, 3], grad_output: [1, 1, 4]}}
              - id: norm-train
                kind: module
                points: 2
                class: Norm
                init: {features: 3}
                reference: batch_norm_train
                mode: train
                parameters:
                  weight: {shape: [3]}
                  bias: {shape: [3]}
                  running_mean: {shape: [3]}
                  running_var: {shape: [3], dist: uniform, low: 0.5, high: 2}
                buffers: [running_mean, running_var]
                args: [x]
                inputs: {x: {shape: [6, 3], scale: 2}}
                constants: {momentum: 0.1, eps: 1.0e-5}
                outputs: [y]
                cases: [{seed: 3}]
              - id: norm-eval
                kind: module
                points: 2
                class: Norm
                init: {features: 3}
                reference: batch_norm_eval
                mode: eval
                parameters:
                  weight: {shape: [3]}
                  bias: {shape: [3]}
                  running_mean: {shape: [3]}
                  running_var: {shape: [3], dist: uniform, low: 0.5, high: 2}
                buffers: [running_mean, running_var]
                args: [x]
                inputs: {x: {shape: [6, 3], scale: 2}}
                constants: {eps: 1.0e-5}
                outputs: [y]
                cases: [{seed: 4}]
            """;

    static final String SOLUTION = """
            import torch
            from torch import nn
            import torch.nn.functional as F


            class RNN(nn.Module):
                def __init__(self, input_size, hidden_size):
                    super().__init__()
                    self.weight_ih_l0 = nn.Parameter(torch.randn(hidden_size, input_size))
                    self.weight_hh_l0 = nn.Parameter(torch.randn(hidden_size, hidden_size))
                    self.bias_ih_l0 = nn.Parameter(torch.zeros(hidden_size))
                    self.bias_hh_l0 = nn.Parameter(torch.zeros(hidden_size))

                def forward(self, x):
                    h = torch.zeros(x.shape[1], self.weight_hh_l0.shape[0], dtype=x.dtype)
                    outputs = []
                    for t in range(x.shape[0]):
                        h = torch.tanh(x[t] @ self.weight_ih_l0.T + self.bias_ih_l0 + h @ self.weight_hh_l0.T
                                       + self.bias_hh_l0)
                        outputs.append(h)
                    return torch.stack(outputs), h.unsqueeze(0)


            class Norm(nn.Module):
                def __init__(self, features):
                    super().__init__()
                    self.weight = nn.Parameter(torch.ones(features))
                    self.bias = nn.Parameter(torch.zeros(features))
                    self.register_buffer("running_mean", torch.zeros(features))
                    self.register_buffer("running_var", torch.ones(features))

                def forward(self, x):
                    return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                                        self.training, 0.1, 1e-5)
            """;

    private static void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** A variant: the solution with each {@code from} replaced by the {@code to} after it. */
    private static void variant(String name, String expect, String... fromTo) throws IOException {
        String code = SOLUTION;
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!code.contains(fromTo[i])) {
                throw new IllegalStateException("the solution has no '" + fromTo[i] + "'");
            }
            code = code.replace(fromTo[i], fromTo[i + 1]);
        }
        write("modules/wrong/" + name + "/net.py", code);
        write("modules/wrong/" + name + "/EXPECT", expect + "\n");
    }

    @BeforeAll
    static void grade() throws Exception {
        write("modules/assignment.yaml", ASSIGNMENT);
        write("modules/solution/net.py", SOLUTION);
        variant("renamed-parameter", "rnn", "self.weight_ih_l0", "self.w_ih");
        variant("transposed-parameter", "rnn", "torch.randn(hidden_size, input_size)", "torch.randn(input_size, hidden_size)",
                "x[t] @ self.weight_ih_l0.T", "x[t] @ self.weight_ih_l0");
        variant("always-eval", "norm-train", "self.training, 0.1", "False, 0.1");
        variant("always-train", "norm-eval", "self.training, 0.1", "True, 0.1");
        variant("detached-state", "rnn", "outputs.append(h)", "outputs.append(h)\n            h = h.detach()");
        report = AssignmentCheck.run(dir.resolve("modules"));
        System.out.print(report.table());
    }

    private static AssignmentCheck.VariantResult variant(String name) {
        return report.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> comparisons(String variant, String check, int c) {
        CheckOutcome outcome = variant(variant).checks().stream().filter(o -> o.checkId().equals(check)).findFirst()
                .orElseThrow();
        List<Map<String, Object>> cases = (List<Map<String, Object>>) outcome.details().get("cases");
        return (List<Map<String, Object>>) cases.get(c).get("comparisons");
    }

    private static String explanation(String variant, String check, String output) {
        return comparisons(variant, check, 0).stream().filter(m -> output.equals(m.get("output"))).findFirst()
                .map(m -> String.valueOf(m.get("explanation"))).orElse("no comparison named " + output);
    }

    @Test
    void theSolutionPassesForwardBackwardAndBothModes() {
        assertEquals(Set.of(), variant("solution").lost());
        assertEquals(8.0, variant("solution").points(), 1e-9);
        assertTrue(report.allAsExpected(), report.table());
    }

    @Test
    void aParameterUnderAnotherNameIsNamedInTheFeedback() {
        assertEquals(Set.of("rnn"), variant("wrong/renamed-parameter").lost());
        assertEquals("your model has no parameter `weight_ih_l0` of shape (4, 3); it has `w_ih` (4, 3)",
                explanation("wrong/renamed-parameter", "rnn", "parameters"));
    }

    @Test
    void aParameterOfTheWrongShapeIsNamedWithBothShapes() {
        assertEquals(Set.of("rnn"), variant("wrong/transposed-parameter").lost());
        assertEquals("your parameter `weight_ih_l0` has shape (3, 4) but should have (4, 3)",
                explanation("wrong/transposed-parameter", "rnn", "parameters"));
    }

    @Test
    void theModeTheCheckNamesIsTheModeTheModuleRunsIn() {
        assertEquals(Set.of("norm-train"), variant("wrong/always-eval").lost());
        assertEquals(Set.of("norm-eval"), variant("wrong/always-train").lost());
    }

    @Test
    void gradientsThroughTimeAreComparedWhereTheForwardPassAgrees() {
        assertEquals(Set.of("rnn"), variant("wrong/detached-state").lost());
        Map<String, Boolean> passed = new java.util.LinkedHashMap<>();
        comparisons("wrong/detached-state", "rnn", 0).forEach(m -> passed.put((String) m.get("output"),
                (Boolean) m.get("passed")));
        assertEquals(true, passed.get("output"));
        assertEquals(true, passed.get("h_n"));
        assertEquals(false, passed.get("weight_hh_l0.grad"));
        assertEquals(false, passed.get("input.grad"));
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-ins written for the course's environment (Python 3.13, NumPy 2, PyTorch 2, matplotlib) are
 * graded in the course-cpu image as the course promises, not in whatever the host has.
 */
class CourseImageGradingTest {

    static final String ASSIGNMENT = """
            id: attn
            course: toycourse
            title: Attention
            release: "-1d"
            due: "+1d"
            files:
              - role: code
                types: [py]
                max_size: 1MB
            checks:
              - id: attention
                kind: tensor
                points: 5
                visibility: visible
                function: attention
                reference: scaled_dot_product_attention
                args: [query, key, value]
                inputs: {query: {shape: [2, 3, 4], dist: normal}, key: {shape: [2, 5, 4], dist: normal},
                         value: {shape: [2, 5, 3], dist: normal}}
                outputs: [output, attention_weights]
                cases: [{seed: 1}, {seed: 2, shape: {query: [1, 1, 4], key: [1, 1, 4], value: [1, 1, 3]}}]
                rtol: 1.0e-6
                atol: 1.0e-9
            """;

    /** PyTorch 2's fused attention, a loss plot drawn and saved as a notebook would, NumPy 2's copy=. */
    static final String PYTORCH2_HAND_IN = """
            import matplotlib.pyplot as plt
            import numpy as np
            import torch
            import torch.nn.functional as F


            def attention(query, key, value):
                q, k, v = (torch.from_numpy(np.asarray(a, dtype=np.float64, copy=True)) for a in (query, key, value))
                out = F.scaled_dot_product_attention(q, k, v)
                weights = torch.softmax(q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5, dim=-1)
                fig, ax = plt.subplots()
                ax.imshow(weights.reshape(-1, weights.shape[-1]).numpy())
                ax.set_title("attention weights")
                plt.show()
                fig.savefig("attention.png")
                plt.close(fig)
                return out.numpy(), weights.numpy()
            """;

    @TempDir
    Path dir;

    @Test
    void aHandInUsingPyTorch2sScaledDotProductAttentionAndMatplotlibGetsFullMarksAndAnUnscaledOneLosesTheCheck()
            throws Exception {
        write("attn/assignment.yaml", ASSIGNMENT);
        write("attn/solution/attn.py", PYTORCH2_HAND_IN);
        write("attn/wrong/unscaled/attn.py", PYTORCH2_HAND_IN
                .replace("F.scaled_dot_product_attention(q, k, v)", "F.scaled_dot_product_attention(q, k, v, scale=1.0)")
                .replace(" / q.shape[-1] ** 0.5", ""));
        write("attn/wrong/unscaled/EXPECT", "attention\n");

        AssignmentCheck.Report report = AssignmentCheck.run(dir.resolve("attn"));
        System.out.print(report.table());
        AssignmentCheck.VariantResult solution = report.variants().get(0);
        assertEquals(5.0, solution.points(), 1e-9, report.table());
        assertTrue(report.allAsExpected(), report.table());
        assertEquals(Set.of("attention"), report.variants().get(1).lost());
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

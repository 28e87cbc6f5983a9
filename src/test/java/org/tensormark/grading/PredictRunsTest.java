package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.project.PredictEntries;
import org.tensormark.sandbox.Verdict;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Npz;
import org.tensormark.tensor.NpzLimits;
import org.tensormark.tensor.Tensor;

/** What a leaderboard predict run's {@code in/} holds, without a sandbox. */
class PredictRunsTest {

    @Test
    void aPredictRunsInHoldsOneCallOfPredictAndTheInputsArrayAndNothingElse(@TempDir Path in) throws IOException {
        double[][] rows = {{1.5, -2.0}, {0.25, 3.0}, {-1.0, 0.0}};
        PredictEntries.Job job = new PredictEntries.Job(7, "project", 1, "def predict(x): pass".getBytes(), null, null,
                rows, 60);
        PredictRuns.plan(job).writeTo(in, new ObjectMapper());
        try (Stream<Path> files = Files.walk(in)) {
            assertEquals(List.of("inputs.npz", "plan.json"), files.filter(Files::isRegularFile)
                    .map(p -> in.relativize(p).toString()).sorted().toList());
        }
        Map<String, Tensor> arrays;
        try (InputStream npz = Files.newInputStream(in.resolve("inputs.npz"))) {
            arrays = Npz.read("inputs.npz", npz, new NpzLimits(4, 1 << 20, 1 << 20));
        }
        assertEquals(List.of("inputs"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new long[] {3, 2}, arrays.get("inputs").shape());
        assertArrayEquals(new double[] {1.5, -2.0, 0.25, 3.0, -1.0, 0.0}, arrays.get("inputs").values());
        String plan = Files.readString(in.resolve("plan.json"));
        assertEquals("{\"harness_version\":1,\"module\":\"predict.py\",\"calls\":[{\"id\":\"predict\",\"target\":\"predict\","
                + "\"args\":[{\"array\":\"inputs\"}],\"seed\":0,\"output\":\"predict\"}]}", plan);
        assertFalse(plan.contains("label"));
    }

    @Test
    void predictReturningSeparateValuesInsteadOfOneArrayIsToldToReturnOneArray(@TempDir Path dir) throws IOException {
        Tensor one = Tensor.scalar(DType.INT64, 1);
        Npz.write(dir.resolve("predict.npz"), Map.of("result_0", one, "result_1", one));
        byte[] results = "{\"calls\": {\"predict\": {\"status\": \"ok\"}}}".getBytes();
        JobResults stored = JobResults.stored(Map.of("predict.npz", Files.readAllBytes(dir.resolve("predict.npz")),
                "results.json", results), "the program ended normally", new ObjectMapper());
        PredictRuns.Answer answer = PredictRuns.answer(stored, new Verdict.Ok(), 60);
        assertEquals("predict(inputs) must return one array of labels: a NumPy array, a list of Python ints or a"
                + " torch tensor, not 2 separate values.", answer.problem());
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Python harness run directly (no sandbox): importing hand-ins and running plans. */
class HarnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JobBench bench;

    @BeforeAll
    static void bench() throws Exception {
        bench = new JobBench();
    }

    @AfterAll
    static void close() throws Exception {
        bench.close();
    }

    @Test
    void aPythonFileRunsFunctionsClassesAndTrainThenPredict() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(
                call("c1", "relu", List.of(array("x")), null, "c1"),
                call("c2", "Linear", List.of(array("w"), array("b")), "lin", null),
                call("c3", "$lin.forward", List.of(array("x")), null, "c3"),
                call("c4", "train", List.of(array("x"), array("y"), Map.of("value", 50)), "model", null),
                call("c5", "predict", List.of(Map.of("ref", "model"), array("x")), null, "c5")));
        JsonNode results = run(job);
        for (String id : List.of("c1", "c2", "c3", "c4", "c5")) {
            assertEquals("ok", results.path("calls").path(id).path("status").asText(), results.toString());
        }
        assertEquals("[[0.0,2.0],[3.0,0.0]]", arrays(job, "c1").get("result").toString());
        assertEquals("[[3.5,-4.5],[-4.5,9.5]]", arrays(job, "c3").get("result").toString());
        assertEquals(2, arrays(job, "c5").size(), "a tuple result is saved as result_0, result_1");
    }

    @Test
    void theSameSeedGivesTheSameRandomNumbers() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        Map<String, Object> model = Map.of("value", Map.of("w", List.of(1.0, 1.0)));
        Map<String, Object> predict = call("p1", "predict", List.of(model, array("x")), null, "p1");
        Map<String, Object> again = call("p2", "predict", List.of(model, array("x")), null, "p2");
        JobBench.plan(job, "handin.py", List.of(predict, again));
        run(job);
        assertEquals(arrays(job, "p1").get("result_1"), arrays(job, "p2").get("result_1"));
    }

    @Test
    void aPackageFromAnUnpackedZipIsImported() throws Exception {
        JobDirectory job = bench.job("basic", "add");
        Path pkg = Files.createDirectories(job.submission().resolve("mlp_package"));
        for (String file : List.of("__init__.py", "model.py")) {
            Files.writeString(pkg.resolve(file), JobBench.resource("harness/mlp_package/" + file));
        }
        inputs(job);
        JobBench.plan(job, "mlp_package", List.of(
                call("m", "Mlp", List.of(array("w"), array("w")), "mlp", null),
                call("f", "$mlp.forward", List.of(array("x")), null, "f")));
        JsonNode results = run(job);
        assertEquals("ok", results.path("calls").path("f").path("status").asText(), results.toString());
        assertEquals(List.of("hidden", "logits"), List.copyOf(arrays(job, "f").keySet()));
    }

    @Test
    void aNotebookIsImportedWithMagicsShellLinesAndDisplayNeutralised() throws Exception {
        JobDirectory job = job("notebook.ipynb", "homework.ipynb");
        JobBench.plan(job, "homework.ipynb", List.of(call("s", "softmax", List.of(array("x")), null, "s")));
        JsonNode results = run(job);
        assertEquals("ok", results.path("calls").path("s").path("status").asText(), results.toString());
        assertEquals(2, arrays(job, "s").get("result").size());
    }

    @Test
    void aColabNotebookRunsWithItsColabCallsSkippedAndOneNoticeSayingWhat() throws Exception {
        JobDirectory job = job("colab.ipynb", "a1.ipynb");
        JobBench.plan(job, "a1.ipynb", List.of(call("s", "softmax", List.of(array("x")), null, "s")));
        JsonNode results = run(job);
        assertEquals("ok", results.path("calls").path("s").path("status").asText(), results.toString());
        assertEquals(2, arrays(job, "s").get("result").size());
        JsonNode notices = results.path("notices");
        assertEquals(1, notices.size(), notices.toString());
        String notice = notices.get(0).asText();
        for (String skipped : List.of("Google Colab calls", "drive.mount", "!pip install -q torch==2.3.0", "%matplotlib",
                "the grading image's packages are used")) {
            assertTrue(notice.contains(skipped), skipped + " in " + notice);
        }
    }

    @Test
    void readingColabsGoogleDriveFailsWithAMessageSayingWhereDataFilesBelong() throws Exception {
        JobDirectory job = job("colab.ipynb", "a1.ipynb");
        JobBench.plan(job, "a1.ipynb", List.of(call("d", "read_drive", List.of(), null, "d")));
        JsonNode results = run(job);
        String message = results.path("calls").path("d").path("message").asText();
        assertTrue(message.startsWith("FileNotFoundError"), message);
        assertTrue(message.contains("The grader has no Google Drive: /content/drive/MyDrive/train.csv is not here"), message);
        assertTrue(message.contains("read them by a relative path"), message);
    }

    @Test
    void aPythonFileGetsNoNotice() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(call("c1", "relu", List.of(array("x")), null, "c1")));
        JsonNode results = run(job);
        assertTrue(results.path("notices").isArray(), results.toString());
        assertEquals(0, results.path("notices").size());
    }

    @Test
    void anExceptionShowsATracebackOfTheHandInsOwnFramesOnly() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(call("e", "broken", List.of(array("x")), null, "e"),
                call("after", "relu", List.of(array("x")), null, "after")));
        JsonNode calls = run(job).path("calls");
        String traceback = calls.path("e").path("traceback").asText();
        assertTrue(traceback.contains("in broken") && traceback.contains("in _helper"), traceback);
        assertTrue(traceback.contains("IndexError"), traceback);
        assertFalse(traceback.contains("tensormark_harness"), traceback);
        assertEquals("ok", calls.path("after").path("status").asText(), "a failing call does not stop the next");
    }

    @Test
    void aNotebookTracebackNamesTheCellAsJupyterNumbersItAndQuotesItsLine() throws Exception {
        JobDirectory job = job("cells.ipynb", "backprop.ipynb");
        JobBench.plan(job, "backprop.ipynb", List.of(call("f", "forward", List.of(array("x")), null, "f")));
        JsonNode f = run(job).path("calls").path("f");
        assertEquals("ValueError: shapes do not align", f.path("message").asText());
        assertEquals("Traceback (your code only):\n"
                + "  Cell In [4], line 3, in forward\n"
                + "    raise ValueError(\"shapes do not align\")\n"
                + "ValueError: shapes do not align\n", f.path("traceback").asText());
    }

    @Test
    void aNotebookWithoutExecutionCountsNamesTheCodeCellByItsPlace() throws Exception {
        JobDirectory job = job("cells_unrun.ipynb", "data.ipynb");
        JobBench.plan(job, "data.ipynb", List.of(call("f", "forward", List.of(array("x")), null, "f")));
        JsonNode f = run(job).path("calls").path("f");
        assertEquals("importing the hand-in failed: RuntimeError: data file missing", f.path("message").asText());
        assertEquals("Traceback (your code only):\n"
                + "  Code cell 2, line 2, in <module>\n"
                + "    raise RuntimeError(\"data file missing\")\n"
                + "RuntimeError: data file missing\n", f.path("traceback").asText());
    }

    @Test
    void aSyntaxErrorInANotebookNamesTheCellAndLine() throws Exception {
        JobDirectory job = bench.job("basic", "add");
        Files.writeString(job.submission().resolve("broken.ipynb"), JobBench.resource("harness/cells.ipynb")
                .replace("    h = x * 2\\n", "    h = = x\\n"));
        inputs(job);
        JobBench.plan(job, "broken.ipynb", List.of(call("f", "forward", List.of(array("x")), null, "f")));
        JsonNode f = run(job).path("calls").path("f");
        assertEquals("importing the hand-in failed: SyntaxError: invalid syntax (Cell In [4], line 2)",
                f.path("message").asText());
        assertTrue(f.path("traceback").asText().startsWith("Traceback (your code only):\n  Cell In [4], line 2\n"
                + "    h = = x\n"), f.path("traceback").asText());
    }

    @Test
    void aReturnedTransposeIsHandedToTheScorerInCOrder() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(call("t", "transposed", List.of(array("x")), null, "t"),
                call("p", "torch_transposed", List.of(array("x")), null, "p"),
                call("s", "scalar", List.of(array("x")), null, "s")));
        JsonNode calls = run(job).path("calls");
        for (String id : List.of("t", "p", "s")) {
            assertEquals("ok", calls.path(id).path("status").asText(), calls.toString());
        }
        assertEquals("{\"result_0\": false, \"result_1\": false}", fortranOrder(job, "t"));
        assertEquals("{\"result\": false}", fortranOrder(job, "p"));
        assertEquals("[[-1.0,3.0],[2.0,-4.0]]", arrays(job, "t").get("result_1").toString());
        assertEquals("[[-1.0,3.0],[2.0,-4.0]]", arrays(job, "p").get("result").toString());
        assertEquals("0.0", arrays(job, "s").get("result").toString(), "a 0-d result stays 0-d");
    }

    @Test
    void theHarnessFindsDebiansNumpyWithoutTheSiteModule() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(call("c1", "relu", List.of(array("x")), null, "c1")));
        python(null, "-S", JobBench.HARNESS.resolve("tensormark_harness.py").toString(), job.root().toString());
        String results = Files.readString(job.out().resolve("results.json"));
        assertTrue(results.contains("\"ok\""), results);
    }

    @Test
    void aNoneResultGivesAClearMessage() throws Exception {
        JobDirectory job = job("layers.py", "handin.py");
        JobBench.plan(job, "handin.py", List.of(call("n", "nothing", List.of(array("x")), null, "n")));
        assertEquals("the call returned None; expected an array", run(job).path("calls").path("n").path("message").asText());
    }

    private static JobDirectory job(String resource, String fileName) throws IOException, InterruptedException {
        JobDirectory job = bench.job("basic", "add");
        Files.writeString(job.submission().resolve(fileName), JobBench.resource("harness/" + resource));
        inputs(job);
        return job;
    }

    private static void inputs(JobDirectory job) throws IOException, InterruptedException {
        python("import numpy as np; np.savez('" + job.in().resolve("inputs.npz") + "', x=np.array([[-1., 2.], [3., -4.]]),"
                + " w=np.array([[1., 2.], [2., -1.]]), b=np.array([0.5, -0.5]), y=np.array([1., 2.]))");
    }

    private static JsonNode run(JobDirectory job) throws IOException, InterruptedException {
        python(null, JobBench.HARNESS.resolve("tensormark_harness.py").toString(), job.root().toString());
        return JSON.readTree(job.out().resolve("results.json").toFile());
    }

    private static Map<String, JsonNode> arrays(JobDirectory job, String output) throws Exception {
        String out = python("import json, numpy as np; d = np.load('" + job.out().resolve(output + ".npz")
                + "', allow_pickle=False); print(json.dumps({k: d[k].tolist() for k in d.files}))");
        Map<String, JsonNode> arrays = new LinkedHashMap<>();
        JSON.readTree(out).fields().forEachRemaining(e -> arrays.put(e.getKey(), e.getValue()));
        return arrays;
    }

    /** The fortran_order flag of each array's .npy header in {@code out/<output>.npz}, as JSON. */
    private static String fortranOrder(JobDirectory job, String output) throws Exception {
        return python("import json, zipfile; from numpy.lib import format as f; z = zipfile.ZipFile('"
                + job.out().resolve(output + ".npz") + "'); flags = {}\n"
                + "for n in z.namelist():\n"
                + "    h = z.open(n); f.read_magic(h); flags[n[:-4]] = f.read_array_header_1_0(h)[1]\n"
                + "print(json.dumps(flags))").strip();
    }

    private static String python(String code, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-I"));
        command.addAll(code == null ? List.of(args) : List.of("-c", code));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static Map<String, Object> array(String name) {
        return Map.of("array", name);
    }

    private static Map<String, Object> call(String id, String target, List<?> args, String storeAs, String output) {
        Map<String, Object> call = new LinkedHashMap<>(Map.of("id", id, "target", target, "args", args, "seed", 3));
        if (storeAs != null) {
            call.put("store_as", storeAs);
        }
        if (output != null) {
            call.put("output", output);
        }
        return call;
    }
}

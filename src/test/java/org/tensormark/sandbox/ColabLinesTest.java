package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both runners of notebooks, the harness (a notebook handed in as the module) and the nbgrader
 * runner, make the same lines of a Colab cell harmless, with the one helper tensormark_colab.py.
 * Run on the host's python3, outside the sandbox: only the source transformation is under test.
 */
class ColabLinesTest {

    private static final String COLAB_CELL = String.join("\\n",
            "from google.colab import drive, files",
            "drive.mount('/content/drive')",
            "!pip install -q torch==2.3.0",
            "%pip install tqdm",
            "%matplotlib inline",
            "uploaded = files.upload()",
            "listing = !ls /content",
            "n = len(uploaded)");

    @Test
    void bothRunnersTurnAColabCellIntoTheSameLines() throws Exception {
        assertEquals("same", python("""
                import tensormark_harness, tensormark_notebooks
                cell = {"cell_type": "code", "execution_count": 1, "source": "%s"}
                [(_, _, harness)] = tensormark_harness.notebook_cells([cell])
                runner = tensormark_notebooks.neutralised(cell["source"], [], "Part_1 cell 1")
                print("same" if harness == runner else "harness:\\n" + harness + "\\nrunner:\\n" + runner)
                """.formatted(COLAB_CELL)));
    }

    @Test
    void anUploadAfterAColabImportFindsNoFilesInAnNbgraderNotebookToo() throws Exception {
        assertEquals("0 uploaded; notices: 4", python("""
                import tensormark_notebooks
                notices = []
                namespace = {}
                exec(tensormark_notebooks.neutralised("%s", notices, "Part_1 cell 1"), namespace)
                print("%%d uploaded; notices: %%d" %% (namespace["n"], len(notices)))
                """.formatted(COLAB_CELL)));
    }

    /** Runs a script on the host's python3 with the graders' folder on its path; returns what it printed. */
    private static String python(String script) throws IOException, InterruptedException {
        Path graders = Path.of("graders/python").toAbsolutePath();
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-B", "-c",
                "import sys; sys.path.insert(0, " + "'" + graders + "'" + ")\n" + script)
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish within 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}

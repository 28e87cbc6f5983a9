package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/** A notebook as Colab writes it scores what the same code scores as a .py, and the feedback says once what was skipped. */
@QuarkusTest
class ColabNotebookFeedbackTest {

    /** The pipeline test's solution in Colab's cells: Drive, an install, a magic and a plot cell with its PNG output. */
    private static final String COLAB_NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 0,
             "metadata": {"colab": {"provenance": [], "gpuType": "T4"}, "accelerator": "GPU",
                          "kernelspec": {"name": "python3", "display_name": "Python 3"},
                          "language_info": {"name": "python"}},
             "cells": [
              {"cell_type": "code", "metadata": {"id": "a1"}, "execution_count": 1, "outputs": [],
               "source": ["from google.colab import drive\\n", "drive.mount('/content/drive')\\n",
                          "!pip install -q torch==2.3.0\\n", "%matplotlib inline"]},
              {"cell_type": "markdown", "metadata": {"id": "a2"}, "source": ["## Softmax and ReLU"]},
              {"cell_type": "code", "metadata": {"id": "a3"}, "execution_count": 2, "outputs": [],
               "source": ["import numpy as np\\n", "import matplotlib.pyplot as plt\\n", "\\n",
                          "def softmax(x):\\n", "    e = np.exp(x - x.max(axis=-1, keepdims=True))\\n",
                          "    return e / e.sum(axis=-1, keepdims=True)"]},
              {"cell_type": "code", "metadata": {"id": "a4"}, "execution_count": 3, "outputs": [],
               "source": ["def relu(x):\\n", "    return np.maximum(x, 0)"]},
              {"cell_type": "code", "metadata": {"id": "a5"}, "execution_count": 4,
               "outputs": [{"output_type": "display_data", "metadata": {},
                            "data": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
                                     "text/plain": ["<Figure size 640x480 with 1 Axes>"]}}],
               "source": ["plt.plot(softmax(np.array([[1.0, 2.0, 3.0]]))[0])\\n", "plt.title('softmax')\\n", "plt.show()"]}
             ]}
            """;

    @Inject
    IntakeCourse course;

    @Inject
    Worker worker;

    @BeforeEach
    void start() {
        course.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aColabNotebookScoresLikeThePyAndTheFeedbackListsOnceWhatWasSkippedAndWhy() throws IOException {
        JsonPath r = GradingPipelineTest.handInAndWait("alice", "in-graded", "solution.ipynb",
                COLAB_NOTEBOOK.getBytes(StandardCharsets.UTF_8), GradingPipelineTest.report("1 Introduction"));
        assertEquals(8.0, r.getDouble("rawPoints"), 1e-9, r.prettify());
        List<String> notices = r.getList("notices", String.class);
        assertEquals(1, notices.size(), r.prettify());
        String notice = notices.get(0);
        assertTrue(notice.startsWith("The grader skipped what only works in Colab or Jupyter:"), notice);
        for (String skipped : List.of("!pip install -q torch==2.3.0", "%matplotlib", "google.colab")) {
            assertTrue(notice.contains(skipped), skipped + " in " + notice);
        }
    }

    @Test
    void aPyWithNothingToSkipHasNoNotices() throws IOException {
        JsonPath r = GradingPipelineTest.handInAndWait("bob", GradingPipelineTest.SOLUTION,
                GradingPipelineTest.report("1 Introduction"));
        assertEquals(8.0, r.getDouble("rawPoints"), 1e-9, r.prettify());
        assertNull(r.get("notices"), r.prettify());
    }
}

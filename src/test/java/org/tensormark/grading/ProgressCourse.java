package org.tensormark.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A course folder, outside the configured assignments folder, with one notebook assignment whose
 * notebook has a quick cell, a cell that sleeps and a test cell (which may sleep too): long enough
 * to watch it run.
 * Its grading can only find the notebooks the synced version stored.
 */
final class ProgressCourse {

    static final String ASSIGNMENT = "nb-progress";
    static final String PART = "Steps";

    private ProgressCourse() {
    }

    /** Writes the course into a new temporary folder; {@code sleepSeconds} is how long the slow cell sleeps. */
    static Path write(String test, double sleepSeconds) throws IOException {
        Path dir = Files.createTempDirectory("progress-course");
        Files.writeString(dir.resolve("progress.course.yaml"), "id: progress\ntitle: Progress tests\ntime_zone: UTC\n");
        Path folder = Files.createDirectories(dir.resolve(ASSIGNMENT).resolve("source"));
        Files.writeString(folder.getParent().resolve("assignment.yaml"), """
                id: nb-progress
                course: progress
                title: A notebook that takes its time
                release: "-1d"
                due: "+7d"
                files:
                  - role: code
                    types: [ipynb]
                    max_size: 1MB
                limits:
                  wall: 120s
                checks:
                  - id: notebooks
                    kind: notebook
                    points: 1
                    seconds_per_part: 60
                """);
        Files.write(folder.resolve(PART + ".ipynb"), notebook(sleepSeconds, test));
        return dir;
    }

    /** The notebook, as source and as the student's hand-in: quick, slow, then the test {@code test}. */
    static byte[] notebook(double sleepSeconds, String test) {
        String cells = String.join(", ",
                cell("x = 1", "{\"grade_id\": \"quick\", \"grade\": false, \"solution\": true, \"locked\": false}"),
                cell("import time\ntime.sleep(" + sleepSeconds + ")\ny = 2",
                        "{\"grade_id\": \"slow\", \"grade\": false, \"solution\": true, \"locked\": false}"),
                cell(test, "{\"grade_id\": \"t-sum\", \"grade\": true, \"solution\": false, \"locked\": true, \"points\": 1}"));
        return ("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [" + cells + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String source, String nbgrader) {
        return "{\"cell_type\": \"code\", \"metadata\": {\"nbgrader\": " + nbgrader + "}, \"outputs\": [],"
                + " \"execution_count\": null, \"source\": \"" + source.replace("\n", "\\n") + "\"}";
    }
}

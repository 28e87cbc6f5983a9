package org.tensormark.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a running notebook job is: the part (notebook), whether its own cells or its test cells
 * are running, the step among both, and the cell's number in the notebook and its {@code grade_id}.
 * Read from a harness progress line, which anything in the job can write: only a part and a
 * {@code grade_id} the host itself put in the job's {@code in/} are accepted, numbers are
 * range-checked, and nothing else of the line is kept, so a forged line can show a wrong cell,
 * never text (a score) of the student's choosing.
 *
 * @param cell    the cell's number in the notebook; null for a test cell or before the first cell
 * @param gradeId the release's grade_id of that cell; null when it has none
 */
record NotebookStep(String part, String phase, int step, int steps, Integer cell, String gradeId) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHASES = Set.of("starting", "cells", "tests");
    private static final int MAX_STEPS = 100_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    /** The names a job's progress may use: its parts and the grade_ids of its grading copies. */
    record Names(Set<String> parts, Set<String> gradeIds) {

        /** The names in a job's {@code in/} as the host wrote it: empty when the job runs no notebooks. */
        static Optional<Names> of(Path in) throws IOException {
            JsonNode plan = JSON.readTree(in.resolve("plan.json").toFile());
            JsonNode parts = plan.path("notebooks").path("parts");
            if (!parts.isArray() || parts.isEmpty()) {
                return Optional.empty();
            }
            Set<String> names = new HashSet<>();
            parts.forEach(p -> names.add(p.path("part").asText()));
            Set<String> ids = new HashSet<>();
            Path notebooks = in.resolve("notebooks");
            if (Files.isDirectory(notebooks)) {
                try (DirectoryStream<Path> copies = Files.newDirectoryStream(notebooks, "*.ipynb")) {
                    for (Path copy : copies) {
                        JSON.readTree(copy.toFile()).path("cells").forEach(c -> {
                            JsonNode id = c.path("metadata").path("nbgrader").path("grade_id");
                            if (id.isTextual()) {
                                ids.add(id.asText());
                            }
                        });
                    }
                }
            }
            return Optional.of(new Names(Set.copyOf(names), Set.copyOf(ids)));
        }
    }

    /** The step a progress line reports, or empty when the line is not one this job's harness could have written. */
    static Optional<NotebookStep> parse(String line, Names names) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String part = n.path("part").asText("");
        String phase = n.path("phase").asText("");
        int steps = n.path("steps").asInt(-1);
        int step = n.path("step").asInt(-1);
        JsonNode cell = n.path("cell");
        JsonNode gradeId = n.path("grade_id");
        boolean valid = names.parts().contains(part) && NAME.matcher(part).matches() && PHASES.contains(phase)
                && steps >= 0 && steps <= MAX_STEPS && step >= 0 && step <= steps
                && (cell.isMissingNode() || cell.isNull() || cell.isInt() && cell.asInt() > 0 && cell.asInt() <= MAX_STEPS)
                && (gradeId.isMissingNode() || gradeId.isNull()
                        || gradeId.isTextual() && names.gradeIds().contains(gradeId.asText())
                                && NAME.matcher(gradeId.asText()).matches());
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new NotebookStep(part, phase, step, steps, cell.isInt() ? cell.asInt() : null,
                gradeId.isTextual() ? gradeId.asText() : null));
    }
}

package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.course.CourseConfig;
import org.tensormark.course.StoredNotebooks;
import org.tensormark.notebook.HandoutModel;
import org.tensormark.notebook.NotebookResults;
import org.tensormark.notebook.NotebookSet;
import org.tensormark.notebook.Release;

/**
 * The {@code notebook} check: the hand-in's notebooks, matched to the assignment's nbgrader source
 * notebooks by file name, run in the sandbox in the declared order in one working directory with
 * the assignment's data files; each autograded test cell scores its points (see
 * graders/python/README.md, "Notebook plans"). Cells a TA grades are listed in the details.
 *
 * <pre>
 * - id: notebooks
 *   kind: notebook
 *   points: 22                     # the test cells' points, all together
 *   source: source                 # folder of source notebooks in the assignment folder
 *   parts: [PartA_1, PartA_2]      # grading order (default: by file name)
 *   data: [data/audio.csv]         # files of the assignment folder put read-only in the working directory
 *   seconds_per_part: 600
 *   references:                    # figures a hidden test reads with tensormark_reference(name), see HandoutModel
 *     mlp_accuracy: {data: data/audio.csv, classes: [a, b], hidden: [128, 128, 128], ...}
 * </pre>
 *
 * <p>The source notebooks are those the assignment version was synced with ({@link StoredNotebooks}),
 * so a hand-in of an old version is graded by that version's tests after the folder changed.
 *
 * <p>Each reference figure is computed by DJL outside the sandbox once per assignment version and
 * kept in the {@link ReferenceStore}; the job gets them as {@code in/references.json}.
 */
@ApplicationScoped
class NotebookKind implements GraderKind {

    /** The job's reference figures, under {@code in/}. */
    static final String REFERENCES = "references.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path assignments;
    private final StoredNotebooks stored;

    @Inject
    NotebookKind(CourseConfig config, StoredNotebooks stored) {
        this.assignments = Path.of(config.dir());
        this.stored = stored;
    }

    /** A kind that reads source notebooks from the assignment folders only (check-assignment, no database). */
    NotebookKind(Path assignments) {
        this.assignments = assignments;
        this.stored = null;
    }

    @Override
    public String name() {
        return "notebook";
    }

    /** The data files come from the assignment's folder at each job, not from the synced version. */
    @Override
    public boolean preparesFromVersionAlone() {
        return false;
    }

    @Override
    public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
        Path folder = assignments.resolve(context.assignment().id());
        Map<String, Object> p = check.params();
        NotebookSet set = sources(check, context.assignment(), folder);
        if (Math.abs(set.testPoints() - check.points()) > 1e-9) {
            throw new IllegalStateException("check '" + check.id() + "' is worth " + check.points()
                    + " points but its test cells add up to " + set.testPoints());
        }
        int seconds = p.get("seconds_per_part") instanceof Number n ? n.intValue() : 600;
        List<Map<String, Object>> parts = set.notebooks().stream().map(nb -> {
            String part = NotebookSet.part(nb);
            plan.file("notebooks/" + nb.file(), Release.gradingCopy(nb).toString().getBytes(StandardCharsets.UTF_8));
            return Map.<String, Object>of("part", part, "grading_copy", "notebooks/" + nb.file(), "seconds", seconds);
        }).toList();
        List<String> data = dataFiles(folder, p.get("data"));
        for (String d : data) {
            plan.file("data/" + Path.of(d).getFileName(), read(folder.resolve(d)));
        }
        plan.file(REFERENCES, json(referenceFigures(check, folder, context)));
        plan.section("notebooks", Map.of("parts", parts,
                "data", data.stream().map(d -> "data/" + Path.of(d).getFileName()).toList(), "references", REFERENCES));
        return set;
    }

    /**
     * The source notebooks the assignment version was synced with; the folder's only for a version
     * that kept none (synced before versions kept them, or check-assignment's preview).
     */
    private NotebookSet sources(CheckSpec check, AssignmentView assignment, Path folder) {
        Path source = folder.resolve(String.valueOf(check.params().getOrDefault("source", "source")));
        List<String> parts = strings(check.params().get("parts"));
        Optional<Map<String, byte[]>> kept = stored == null ? Optional.empty()
                : stored.of(assignment.id(), assignment.version(), check.id());
        return kept.map(files -> NotebookSet.of(source, files, parts)).orElseGet(() -> NotebookSet.read(source, parts));
    }

    @Override
    public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
        NotebookSet set = (NotebookSet) prepared;
        byte[] report = results.run().map(r -> r.outputs().get("notebooks.json")).orElse(null);
        NotebookResults r = NotebookResults.read(set, report);
        long passed = r.cells().stream().filter(NotebookResults.CellResult::passed).count();
        CheckOutcome.Status status = passed == r.cells().size() ? CheckOutcome.Status.PASSED
                : r.points() > 0 ? CheckOutcome.Status.PARTIAL : CheckOutcome.Status.FAILED;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cells", r.cells());
        details.put("lost", r.cells().stream().filter(c -> !c.passed()).map(NotebookResults.CellResult::gradeId).toList());
        details.put("notices", r.notices());
        details.put("editedLockedCells", r.edited());
        details.put("secondsPerPart", r.seconds());
        details.put("manual", r.manual());
        if (report == null) {
            details.put("error", results.verdictText());
        }
        String summary = passed + " of " + r.cells().size() + " test cells passed"
                + (r.edited().isEmpty() ? "" : "; locked cells were edited and have been restored: " + r.edited());
        return new CheckOutcome(check.id(), name(), check.visibility().toString().toLowerCase(), r.points(), check.points(),
                status, summary, details);
    }

    /**
     * Each declared reference as three figures: {@code name} (the mean test accuracy over its seeds)
     * and {@code name.low}, {@code name.high} (the band those seeds span); every seed's accuracy is
     * computed at most once per assignment version.
     */
    private static Map<String, Double> referenceFigures(CheckSpec check, Path folder, GradingContext context) {
        Map<String, Double> figures = new TreeMap<>();
        for (HandoutModel model : HandoutModel.read(check.params().get("references"))) {
            double[] accuracies = IntStream.range(0, model.seeds()).mapToDouble(seed -> context.references().accuracy(
                    context.referenceKey(check, model.name() + " seed " + seed), () -> model.accuracy(folder, seed))).toArray();
            figures.put(model.name(), Arrays.stream(accuracies).average().orElseThrow());
            figures.put(model.name() + ".low", Arrays.stream(accuracies).min().orElseThrow());
            figures.put(model.name() + ".high", Arrays.stream(accuracies).max().orElseThrow());
        }
        return figures;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> dataFiles(Path folder, Object declared) {
        if (declared != null) {
            return strings(declared);
        }
        Path data = folder.resolve("data");
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(data)) {
            return s.filter(Files::isRegularFile).map(f -> "data/" + f.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("assignment file " + file + " cannot be read", e);
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}

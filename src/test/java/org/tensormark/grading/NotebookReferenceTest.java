package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;

/**
 * Reference-backed notebook tests (src/test/resources/notebook-assignments/nb-reference): the
 * check's {@code references} are trained by DJL outside the sandbox, once per seed and assignment
 * version, and a hidden test reads them with {@code tensormark_reference(name)}.
 */
class NotebookReferenceTest {

    private static final Path FOLDER = Path.of("src/test/resources/notebook-assignments/nb-reference");

    @TempDir
    Path in;

    @Test
    void aHiddenTestMeasuresTheHandInAgainstTheReferenceBandWhateverTheNotebookCallsItsOwn() throws Exception {
        AssignmentCheck.Report report = AssignmentCheck.run(FOLDER);
        assertTrue(report.allAsExpected(), report.table());
        assertEquals(2.0, report.variants().get(0).points(), report.table());
        String wrong = report.variants().get(1).checks().get(0).details().get("cells").toString();
        assertTrue(wrong.contains("accuracy 0.500 is below the band of the reference model"), wrong);
    }

    @Test
    void theJobGetsTheMeanAndBandOfTheReferenceSeedsEachComputedOnce() throws Exception {
        AssignmentView assignment = AssignmentPreview.of(FOLDER);
        ReferenceStore store = ReferenceStore.inMemory();
        GradingContext context = new GradingContext(assignment, Optional.empty(), List.of(), store);
        NotebookKind kind = new NotebookKind(FOLDER.toAbsolutePath().getParent());
        for (int job = 0; job < 2; job++) {
            JobPlan plan = new JobPlan(null);
            kind.prepare(assignment.checks().get(0), plan, context);
            plan.writeTo(in, new ObjectMapper());
        }
        assertEquals(2, store.computations(), "two seeds, computed for the first job only");
        Map<?, ?> figures = new ObjectMapper().readValue(Files.readAllBytes(in.resolve(NotebookKind.REFERENCES)), Map.class);
        double low = ((Number) figures.get("mlp_accuracy.low")).doubleValue();
        double mean = ((Number) figures.get("mlp_accuracy")).doubleValue();
        double high = ((Number) figures.get("mlp_accuracy.high")).doubleValue();
        assertTrue(0.8 < low && low <= mean && mean <= high && high <= 1, figures.toString());
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;

/**
 * The training checks of A3 and A4 as their assignment.yaml declares them: the DJL reference
 * learns the generated task (the LSTM solves the adding problem far above chance, the autoencoder
 * reconstructs held-out points far below their variance) within seconds of CPU, once per
 * assignment version: preparing the check again finds the stored figure.
 */
class TrainingReferencesTest {

    private static final List<GraderKind> KINDS = List.of(new TrainCheck());

    @Test
    void a3sAddingCheckHasAnLstmReferenceFarAboveChanceComputedOncePerVersion() {
        TrainCheck.Prepared prepared = (TrainCheck.Prepared) preparedTwiceComputedOnce("a3", "adding-training");
        assertTrue(prepared.referenceAccuracy() > 0.9, "reference accuracy " + prepared.referenceAccuracy());
    }

    @Test
    void a4sAutoencoderCheckHasAReferenceErrorFarBelowTheVarianceComputedOncePerVersion() {
        ReconstructionTraining.Prepared prepared = (ReconstructionTraining.Prepared) preparedTwiceComputedOnce("a4",
                "autoencoder-training");
        double variance = variance(prepared.testPoints().values(), (int) prepared.testPoints().shape()[1]);
        System.out.printf("a4 autoencoder-training: held-out variance %.6f, reference MSE %.6f%n", variance,
                prepared.referenceError());
        assertTrue(prepared.referenceError() < variance / 20, "reference error " + prepared.referenceError()
                + ", held-out variance " + variance);
    }

    /** The check's prepared figures; the first preparation computes the reference, the second finds it. */
    private static Object preparedTwiceComputedOnce(String assignment, String checkId) {
        AssignmentView a = AssignmentPreview.of(Path.of("assignments", assignment));
        AssignmentView only = new AssignmentView(a.id(), a.version(), a.courseId(), a.title(), a.groupWork(),
                a.maxGroupSize(), a.releaseAt(), a.dueAt(), a.zone(), a.lateRule(), a.files(), a.handinsPerDay(),
                a.counts(), a.checks().stream().filter(c -> c.id().equals(checkId)).toList(), a.handout(), a.limits(),
                a.image());
        assertEquals(1, only.checks().size(), assignment + " declares " + checkId);
        ReferenceStore store = ReferenceStore.inMemory();
        GradingContext context = new GradingContext(only, Optional.empty(), List.of(), store);
        long start = System.nanoTime();
        CheckRun.prepare(context, KINDS, "handin");
        double first = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        CheckRun.Prepared again = CheckRun.prepare(context, KINDS, "handin");
        double second = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %s: reference computed in %.2f s, found again in %.3f s%n", assignment, checkId, first,
                second);
        assertEquals(1, store.computations(), "the reference figure is computed once");
        return again.checks().values().iterator().next();
    }

    /** The mean squared error of predicting every point as the mean point. */
    private static double variance(double[] v, int d) {
        int n = v.length / d;
        double total = 0;
        for (int j = 0; j < d; j++) {
            int col = j;
            double mean = IntStream.range(0, n).mapToDouble(i -> v[i * d + col]).average().orElse(0);
            total += IntStream.range(0, n).mapToDouble(i -> Math.pow(v[i * d + col] - mean, 2)).sum();
        }
        return total / v.length;
    }
}

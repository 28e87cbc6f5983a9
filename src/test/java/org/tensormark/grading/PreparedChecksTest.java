package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.course.AssignmentPreview;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.CheckSpec;
import org.tensormark.course.Visibility;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * A worker prepares an assignment version's checks once (inputs from their seeds, reference
 * figures, plans and their .npz) and every later hand-in of that version writes the same bytes a
 * fresh preparation would have written, with its own module in plan.json.
 */
class PreparedChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A1's tensor checks, visible and hidden: two plans. */
    private static final AssignmentView A1 = tensorChecksOf(AssignmentPreview.of(Path.of("assignments", "a1")), 1);

    @TempDir
    Path dir;

    @Test
    void aVersionsChecksArePreparedOnceAndEveryHandInWritesWhatAFreshPreparationWould() throws IOException {
        CountingKind tensor = new CountingKind(new TensorCheck(), true);
        PreparedChecks prepared = new PreparedChecks();
        GradingContext context = context(A1);

        CheckRun.Prepared first = prepared.of(context, List.of(tensor), "a1", JSON);
        CheckRun.Prepared second = prepared.of(context, List.of(tensor), "solution", JSON);

        assertEquals(A1.checks().size(), tensor.prepared.get(), "each check prepared once, for the first hand-in");
        assertSame(first.checks(), second.checks(), "the second hand-in scores against the kept preparation");
        CheckRun.Prepared fresh = CheckRun.prepare(context, List.of(new TensorCheck()), "solution");
        assertEquals(fresh.plans().keySet(), second.plans().keySet());
        assertTrue(fresh.plans().size() > 1, "A1 has visible and hidden checks");
        for (Visibility group : fresh.plans().keySet()) {
            Path kept = written(second.plans().get(group), "kept-" + group);
            Path made = written(fresh.plans().get(group), "fresh-" + group);
            assertArrayEquals(Files.readAllBytes(made.resolve("inputs.npz")), Files.readAllBytes(kept.resolve("inputs.npz")),
                    group + " inputs");
            assertEquals(Files.readString(made.resolve("plan.json")), Files.readString(kept.resolve("plan.json")));
            assertEquals(fresh.plans().get(group).callHashes(JSON), second.plans().get(group).callHashes(JSON));
            assertTrue(Files.readString(written(first.plans().get(group), "first-" + group).resolve("plan.json"))
                    .contains("\"module\":\"a1\""), "the first hand-in's plan names its own module");
        }
    }

    @Test
    void aNewVersionIsPreparedAgain() throws IOException {
        CountingKind tensor = new CountingKind(new TensorCheck(), true);
        PreparedChecks prepared = new PreparedChecks();
        prepared.of(context(A1), List.of(tensor), "a1", JSON);
        prepared.of(context(tensorChecksOf(A1, 2)), List.of(tensor), "a1", JSON);
        assertEquals(2 * A1.checks().size(), tensor.prepared.get());
    }

    @Test
    void aVersionWithACheckThatReadsMoreThanTheVersionIsPreparedForEveryHandIn() throws IOException {
        CountingKind tensor = new CountingKind(new TensorCheck(), false);
        PreparedChecks prepared = new PreparedChecks();
        prepared.of(context(A1), List.of(tensor), "a1", JSON);
        prepared.of(context(A1), List.of(tensor), "a1", JSON);
        assertEquals(2 * A1.checks().size(), tensor.prepared.get());
    }

    @Test
    void theVersionsUsedLeastRecentlyAreLetGoBeyondTheLimit() throws IOException {
        CountingKind tensor = new CountingKind(new TensorCheck(), true);
        PreparedChecks prepared = new PreparedChecks();
        for (int version = 1; version <= PreparedChecks.VERSIONS + 1; version++) {
            prepared.of(context(tensorChecksOf(A1, version)), List.of(tensor), "a1", JSON);
        }
        int before = tensor.prepared.get();
        prepared.of(context(tensorChecksOf(A1, PreparedChecks.VERSIONS + 1)), List.of(tensor), "a1", JSON);
        assertEquals(before, tensor.prepared.get(), "the version used last is kept");
        prepared.of(context(tensorChecksOf(A1, 1)), List.of(tensor), "a1", JSON);
        assertEquals(before + A1.checks().size(), tensor.prepared.get(), "the version used first was let go");
    }

    @Test
    void aSealedPlanRefusesToChange() throws IOException {
        JobPlan plan = new JobPlan("handin");
        plan.call("c", "f", List.of("x"), 1);
        plan.input("x", Tensor.of(DType.FLOAT32, new long[] {1}, 1));
        JobPlan sealed = plan.sealed("a1", JSON);
        assertThrows(IllegalStateException.class, () -> sealed.input("y", Tensor.of(DType.FLOAT32, new long[] {1}, 2)));
        assertThrows(IllegalStateException.class, () -> sealed.call("d", "f", List.of("x"), 1));
        plan.call("d", "f", List.of("x"), 1); // the plan it was sealed from may go on changing: the sealed one does not
        assertEquals(List.of("c"), sealed.callIds());
        assertEquals(List.of("c"), List.copyOf(sealed.callHashes(JSON).keySet()));
    }

    private Path written(JobPlan plan, String name) throws IOException {
        Path in = Files.createDirectories(dir.resolve(name));
        plan.writeTo(in, JSON);
        return in;
    }

    private static GradingContext context(AssignmentView a) {
        return new GradingContext(a, Optional.empty(), List.of(), SHARED);
    }

    /** One worker's reference figures: computed by the first preparation, found by the others. */
    private static final ReferenceStore SHARED = ReferenceStore.inMemory();

    /** {@code a} with only its tensor checks, as version {@code version}. */
    private static AssignmentView tensorChecksOf(AssignmentView a, int version) {
        List<CheckSpec> tensor = a.checks().stream().filter(c -> c.kind().equals("tensor")).toList();
        return new AssignmentView(a.id(), version, a.courseId(), a.title(), a.groupWork(), a.maxGroupSize(),
                a.releaseAt(), a.dueAt(), a.zone(), a.lateRule(), a.files(), a.handinsPerDay(), a.counts(), tensor,
                a.handout(), a.limits(), a.image());
    }

    /** A kind that counts the checks it prepares. */
    private static final class CountingKind implements GraderKind {

        private final GraderKind kind;
        private final boolean fromVersionAlone;
        private final AtomicInteger prepared = new AtomicInteger();

        CountingKind(GraderKind kind, boolean fromVersionAlone) {
            this.kind = kind;
            this.fromVersionAlone = fromVersionAlone;
        }

        @Override
        public String name() {
            return kind.name();
        }

        @Override
        public Object prepare(CheckSpec check, JobPlan plan, GradingContext context) {
            prepared.incrementAndGet();
            return kind.prepare(check, plan, context);
        }

        @Override
        public CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context) {
            return kind.score(check, prepared, results, context);
        }

        @Override
        public boolean preparesFromVersionAlone() {
            return fromVersionAlone;
        }
    }
}

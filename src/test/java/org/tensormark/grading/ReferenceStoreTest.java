package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentSync;
import org.tensormark.course.AssignmentView;

/**
 * Reference figures (a tensor check's reference outputs, a train check's reference accuracy) are
 * computed once per assignment version, check and case, in the background as soon as the version
 * is synced, and kept: a restarted worker finds them.
 */
@QuarkusTest
class ReferenceStoreTest {

    private static final List<GraderKind> KINDS = List.of(new TensorCheck(), new TrainCheck());

    @Inject
    DatabaseReferences references;

    @Inject
    EntityManager em;

    @Inject
    AssignmentSync sync;

    @Inject
    AssignmentCatalog catalog;

    @Inject
    Instance<GraderKind> kinds;

    AssignmentView assignment;

    @BeforeEach
    void anAssignmentWithATensorAndATrainCheck() throws IOException {
        String course = ClassFixture.uniqueId("references");
        Path dir = Files.createTempDirectory("reference-store");
        Files.writeString(dir.resolve(course + ".course.yaml"), "id: " + course + "\ntitle: References\n");
        Files.createDirectories(dir.resolve(course + "-a"));
        Files.writeString(dir.resolve(course + "-a").resolve("assignment.yaml"), "id: " + course + "-a\ncourse: " + course
                + "\ntitle: References\nrelease: 2026-01-05T09:00\ndue: 2027-03-15T23:59\n"
                + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                + "checks:\n"
                + "  - {id: softmax, kind: tensor, points: 2, function: softmax, reference: softmax, args: [x],\n"
                + "     inputs: {x: {shape: [4, 3]}}, outputs: [y], cases: [{seed: 1}, {seed: 2}]}\n"
                + "  - {id: xor, kind: train, points: 2, dataset: xor, seed: 3, n_train: 60, n_test: 60,\n"
                + "     reference: {hidden: [8], epochs: 30, lr: 0.5}}\n");
        sync.sync(dir);
        assignment = catalog.current(course + "-a").orElseThrow();
    }

    @Test
    void aSyncedVersionHasItsReferenceFiguresStoredBeforeAnyHandIn() throws InterruptedException {
        assertEquals(3, awaitStoredFigures(), "two tensor cases and one reference accuracy");
    }

    @Test
    void aRestartedWorkerFindsTheStoredReferenceFiguresAndComputesNoneAgain() throws InterruptedException {
        awaitStoredFigures();
        CheckRun.Prepared first = CheckRun.prepare(context(references), KINDS, "net");
        long computed = references.computations();
        CheckRun.prepare(context(references), KINDS, "net");
        assertEquals(computed, references.computations(), "this process computed a figure twice");

        DatabaseReferences restarted = new DatabaseReferences(em);
        CheckRun.Prepared again = CheckRun.prepare(context(restarted), KINDS, "net");

        assertEquals(0, restarted.computations(), "the restarted store computed figures it had stored");
        assertEquals(figures(first), figures(again));
    }

    @Test
    void aStartingWorkerReadsTheFiguresIntoMemorySoItsFirstHandInReadsNone() throws InterruptedException {
        awaitStoredFigures();
        CheckRun.Prepared first = CheckRun.prepare(context(references), KINDS, "net");
        DatabaseReferences restarted = new DatabaseReferences(em);

        new SyncedReferences(catalog, kinds, restarted).load(List.of(assignment));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from reference_value"
                + " where assignment_id = ?1").setParameter(1, assignment.id()).executeUpdate());
        CheckRun.Prepared firstHandIn = CheckRun.prepare(context(restarted), KINDS, "net");

        assertEquals(0, restarted.computations(), "a figure was neither read at start nor found in memory");
        assertEquals(figures(first), figures(firstHandIn));
    }

    @Test
    void checkAssignmentsInMemoryStoreComputesEachFigureOnce() {
        ReferenceStore memory = ReferenceStore.inMemory();
        CheckRun.prepare(context(memory), KINDS, "net");
        CheckRun.prepare(context(memory), KINDS, "net");
        assertEquals(3, memory.computations());
    }

    /** How many figures of the assignment are stored, once the sync's background work has stored them all. */
    private long awaitStoredFigures() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        long stored = storedFigures();
        while (stored < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            stored = storedFigures();
        }
        return stored;
    }

    private long storedFigures() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*)"
                + " from reference_value where assignment_id = ?1 and version = ?2").setParameter(1, assignment.id())
                .setParameter(2, assignment.version()).getSingleResult()).longValue());
    }

    private GradingContext context(ReferenceStore store) {
        return new GradingContext(assignment, Optional.empty(), List.of(), store);
    }

    /** The prepared reference figures: each case's expected tensors and the reference accuracy. */
    private static List<Object> figures(CheckRun.Prepared prepared) {
        return prepared.checks().values().stream().map(p -> p instanceof TensorCheck.Prepared t
                ? (Object) t.cases().stream().map(TensorCheck.PreparedCase::expected).toList()
                : (Object) ((TrainCheck.Prepared) p).referenceAccuracy()).toList();
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The self-check a starting worker grades: its shipped solution and report get full marks through
 * the real sandbox, grading image, harness, references and training, and it leaves nothing in the
 * jobs folder; the hand-ins it rehearses are graded, and recorded in the database, only in
 * transactions rolled back.
 */
@QuarkusTest
class SelfCheckTest {

    /** Every table a hand-in (its account too) and its job's recording write to. */
    private static final List<String> TABLES = List.of("app_user", "blob", "submission", "submission_file",
            "grading_job", "grading_result", "check_result", "sandbox_run", "audit_log");

    @Inject
    SelfCheck selfCheck;

    @Inject
    JobsRoot jobsRoot;

    @Inject
    ClassFixture fixture;

    @Inject
    EntityManager em;

    @Test
    void theShippedSolutionGetsFullMarksAndLeavesNoJobBehind() throws Exception {
        long before = entries();

        SelfCheck.Result result = onAThreadOfItsOwn();

        assertEquals(5.0, result.maxPoints(), "softmax 2, relu 1 (hidden), xor-training 1, report 1");
        assertTrue(result.fullMarks(), "the self-check's own solution scored " + result.points());
        assertEquals(before, entries(), "the self-check's staging and job directories are gone");
    }

    @Test
    void itsRehearsedHandinsOfAReleasedAssignmentLeaveNoRowAndNoFolderBehind() throws Exception {
        String course = ClassFixture.uniqueId("selfcheck");
        fixture.course(course, Map.of(course + "-a", ""));
        Map<String, Long> before = rows();
        long folders = entries();

        SelfCheck.Result result = onAThreadOfItsOwn();

        assertTrue(result.fullMarks(), "the self-check's own solution scored " + result.points());
        assertEquals(SelfCheck.HANDINS, result.handins(), "an assignment is released");
        assertEquals(before, rows(), "a rehearsed hand-in stayed in the database");
        assertEquals(folders, entries(), "a rehearsed hand-in's staging or job directory stayed");
    }

    @Test
    void aWorkerSlotRehearsesTheSameHandinsAgainOnItsOwnThreadAndLeavesNothingBehind() throws Exception {
        String course = ClassFixture.uniqueId("selfcheck");
        fixture.course(course, Map.of(course + "-a", ""));
        onAThreadOfItsOwn();
        Map<String, Long> before = rows();
        long folders = entries();

        ExecutorService slot = Executors.newSingleThreadExecutor();
        int rehearsed;
        try {
            rehearsed = slot.submit(() -> selfCheck.rehearseHandinsHere(Worker.SLOT_REHEARSALS)).get();
        } finally {
            slot.shutdownNow();
        }

        assertEquals(Worker.SLOT_REHEARSALS + SelfCheck.SETTLING_HANDINS, rehearsed);
        assertEquals(before, rows(), "a hand-in rehearsed again stayed in the database");
        assertEquals(folders, entries(), "a hand-in rehearsed again left its staging or job directory");
    }

    /** As the worker's warm-up runs it: on a thread of its own, with no request context. */
    private SelfCheck.Result onAThreadOfItsOwn() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(selfCheck::run).get();
        } finally {
            thread.shutdown();
        }
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from " + table).getSingleResult()).longValue()));
        }
        return rows;
    }

    private long entries() throws Exception {
        if (!Files.isDirectory(jobsRoot.path())) { // made by the first job of this test run
            return 0;
        }
        try (Stream<java.nio.file.Path> s = Files.list(jobsRoot.path())) {
            return s.count();
        }
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.TestLogins;

/**
 * The self-check a starting worker grades: its shipped solution and report get full marks through
 * the real sandbox, grading image, harness, references and training, and it leaves nothing in the
 * jobs folder; the hand-ins it rehearses are graded, and recorded in the database, only in
 * transactions rolled back: the last hand-in scored of the released assignment due last, with the
 * runs kept of it, once there is one.
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

    @Inject
    Worker worker;

    @Inject
    AssignmentSync sync;

    @Inject
    CommitsOnAThread commits;

    @Inject
    HandinRehearsal handins;

    @Inject
    AgroalDataSource dataSource;

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

        int rehearsed = onASlotsThread();

        assertEquals(Worker.SLOT_REHEARSALS + SelfCheck.SETTLING_HANDINS, rehearsed);
        assertEquals(before, rows(), "a hand-in rehearsed again stayed in the database");
        assertEquals(folders, entries(), "a hand-in rehearsed again left its staging or job directory");
    }

    @Test
    void itRehearsesTheLastScoredHandinWithItsKeptRunsAndScoresThemAsItsJobDid() throws Exception {
        String course = ClassFixture.uniqueId("selfcheck");
        String assignment = course + "-last";
        syncDueLast(course, assignment);
        fixture.enrol(course, "alice");
        UUID handin;
        worker.start(1);
        try {
            handin = handInAndWait(assignment);
        } finally {
            worker.stop();
        }
        try {
            Map<String, Long> before = rows();
            long folders = entries();

            SelfCheck.Result result = onAThreadOfItsOwn();

            HandinRehearsal.Replayed replayed = result.replayed().orElseThrow(
                    () -> new AssertionError("the self-check's own hand-in was rehearsed, not the last one scored"));
            assertEquals(handin, replayed.handin());
            assertEquals(Map.of("relu", 1.0, "report", 1.0, "softmax", 2.0, "xor-training", 1.0), replayed.recorded(),
                    "the hand-in scored full marks, its hidden check from a run of its own");
            assertEquals(replayed.recorded(), replayed.rehearsed(), "each plan was given the run kept of it");
            assertTrue(replayed.scoredAsRecorded());
            assertEquals(SelfCheck.HANDINS, result.handins());
            assertEquals(before, rows(), "a rehearsed hand-in stayed in the database");
            assertEquals(folders, entries(), "a rehearsed hand-in's staging or job directory stayed");

            // a slot rehearses it again, then makes a job's lookups of it in transactions of their own
            assertEquals(Worker.SLOT_REHEARSALS + SelfCheck.SETTLING_HANDINS, onASlotsThread());
            assertEquals(before, rows(), "a hand-in rehearsed again, or its lookups, stayed in the database");
            assertEquals(folders, entries(), "a hand-in rehearsed again left its staging or job directory");
        } finally { // the other tests' warm-ups rehearse an assignment of their own
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update assignment_version set due_at = timestamptz '2026-03-15 23:59+08' where assignment_id = ?1")
                    .setParameter(1, assignment).executeUpdate());
        }
    }

    /**
     * The self-check's assignment as {@code assignment} of {@code course}, with a report to hand in,
     * released and due after every other assignment of the tests.
     */
    private void syncDueLast(String course, String assignment) throws Exception {
        Path dir = Files.createTempDirectory("self-check-course");
        Files.writeString(dir.resolve(course + ".course.yaml"), "id: " + course + "\ntitle: Test course\n");
        Path folder = Files.createDirectory(dir.resolve(assignment));
        for (String name : List.of("assignment.yaml", "handout.md", "handin.py")) {
            try (InputStream in = SelfCheck.class.getResourceAsStream("/self-check/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        String yaml = Files.readString(folder.resolve("assignment.yaml"));
        String header = yaml.substring(yaml.indexOf("id: self-check"), yaml.indexOf("checks:"));
        Files.writeString(folder.resolve("assignment.yaml"), yaml.replace(header, "id: " + assignment + "\ncourse: "
                + course + "\ntitle: The self-check's checks\nrelease: \"-1d\"\ndue: 2099-12-31T23:59\n"
                + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                + "  - role: report\n    types: [pdf]\n    max_size: 5MB\n"));
        sync.sync(dir);
    }

    @Test
    void onAPlatformThatHasScoredNothingASlotStillCommitsAJobsReadsAfterItsRehearsals() throws Exception {
        String course = ClassFixture.uniqueId("selfcheck");
        fixture.course(course, Map.of(course + "-a", ""));
        onAThreadOfItsOwn(); // nothing of it is scored: the self-check's own hand-in is the one rehearsed

        ExecutorService slot = Executors.newSingleThreadExecutor();
        int committed;
        try {
            committed = slot.submit(() -> commits.during(() -> selfCheck.rehearseHandinsHere(Worker.SLOT_REHEARSALS)))
                    .get();
        } finally {
            slot.shutdownNow();
        }

        // its two rounds of rehearsals roll back; each ends with READS reads in transactions that commit
        assertTrue(committed >= 2 * HandinRehearsal.READS, "the slot committed " + committed + " transactions, not "
                + 2 * HandinRehearsal.READS + ": the commit path was left to the first hand-ins");
    }

    @Test
    void theIntakesWritesAreRehearsedOnEveryConnectionThePoolHoldsIdleAndLeaveNoRow() throws Exception {
        String course = ClassFixture.uniqueId("selfcheck");
        fixture.course(course, Map.of(course + "-a", ""));
        onAThreadOfItsOwn();
        dataSource.flush(AgroalDataSource.FlushMode.IDLE);
        Set<Integer> idle = idleConnections(3);
        Map<String, Long> before = rows();

        ExecutorService thread = Executors.newSingleThreadExecutor();
        List<Integer> rehearsedOn;
        try {
            rehearsedOn = thread.submit(handins::rehearseIntakeOnIdleConnections).get();
        } finally {
            thread.shutdown();
        }

        // the test's own scheduled tasks (every 10 s) may hold one of the three at that moment
        long found = rehearsedOn.stream().filter(idle::contains).count();
        assertTrue(found >= 2, "the intake was rehearsed on " + rehearsedOn + ", the idle connections were " + idle);
        assertTrue(rehearsedOn.size() > found && rehearsedOn.size() < HandinRehearsal.IDLE_CONNECTIONS,
                "the sweep ends on a connection the pool opened for it: " + rehearsedOn);
        assertEquals(before, rows(), "a hand-in the intake rehearsed stayed in the database");
    }

    /** Makes {@code n} connections of the pool idle: held at once by as many threads, then given back; their pids. */
    private Set<Integer> idleConnections(int n) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch allHeld = new CountDownLatch(n);
        try {
            List<Future<Integer>> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                held.add(threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                    int pid = ((Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue();
                    allHeld.countDown();
                    allHeld.await(); // each holds its connection until all have one: n distinct connections
                    return pid;
                })));
            }
            Set<Integer> pids = new HashSet<>();
            for (Future<Integer> f : held) {
                pids.add(f.get());
            }
            assertEquals(n, pids.size(), "each thread held a connection of its own");
            return pids;
        } finally {
            threads.shutdown();
        }
    }

    /** Alice hands in the self-check's solution and a one-page report; returns the hand-in once scored. */
    private UUID handInAndWait(String assignment) throws Exception {
        Path report = Files.createTempFile("report", ".pdf");
        ReportCheck.writeOnePage(report, "Introduction");
        byte[] code;
        try (InputStream in = SelfCheck.class.getResourceAsStream("/self-check/handin.py")) {
            code = in.readAllBytes();
        }
        String id = TestLogins.as("alice").multiPart("code", "handin.py", code)
                .multiPart("report", "report.pdf", Files.readAllBytes(report))
                .post("/api/assignments/" + assignment + "/submissions").then().statusCode(201).extract()
                .path("submissionId");
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String status = TestLogins.as("alice").get("/api/submissions/" + id + "/result").then().statusCode(200)
                    .extract().path("status");
            if ("scored".equals(status)) {
                return UUID.fromString(id);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hand-in " + id + " was not scored within 180 s");
    }

    /** A worker slot's rehearsals, on a thread of their own as a slot makes them; how many hand-ins it rehearsed. */
    private int onASlotsThread() throws Exception {
        ExecutorService slot = Executors.newSingleThreadExecutor();
        try {
            return slot.submit(() -> selfCheck.rehearseHandinsHere(Worker.SLOT_REHEARSALS)).get();
        } finally {
            slot.shutdownNow();
        }
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

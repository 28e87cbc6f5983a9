package org.tensormark.grading;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * An instructor changes a synced assignment that has graded hand-ins: a change of scoring is
 * previewed as a shadow regrade from the kept runs without any sandbox, a new check runs only its
 * own calls, and publishing tells each student when and why their score changed.
 */
@QuarkusTest
class ShadowRegradeTest {

    /** Softmax through float16: off by about 1e-3, so it fails a tolerance of 1e-6 and passes 1e-2. */
    static final String ROUNDED = """
            import numpy as np

            def softmax(x):
                e = np.exp(x - x.max(axis=-1, keepdims=True))
                return (e / e.sum(axis=-1, keepdims=True)).astype(np.float16).astype(x.dtype)

            def relu(x):
                return np.maximum(x, 0)

            def tanh(x):
                return np.tanh(x)
            """;

    static final String EXACT = ROUNDED.replace(".astype(np.float16).astype(x.dtype)", "");

    @Inject
    AssignmentSync sync;

    @Inject
    DemoAccounts demo;

    @Inject
    Worker worker;

    @Inject
    JobsRoot jobsRoot;

    @Inject
    EntityManager em;

    @Inject
    RunAgain again;

    Path folder;
    String course;
    String assignment;

    @BeforeEach
    void aCourseWithOneTensorAssignment() throws IOException {
        course = ClassFixture.uniqueId("regrade");
        assignment = course + "-a";
        folder = Files.createTempDirectory("shadow-regrade");
        Files.writeString(folder.resolve(course + ".course.yaml"), "id: " + course
                + "\ntitle: Regrades\ntime_zone: Asia/Singapore\n");
        write("2027-06-30T23:59", "1.0e-6", "");
        sync.sync(folder);
        demo.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aToleranceAndDueTimeChangeIsPreviewedFromKeptRunsWithoutASandboxThenPublished() throws Exception {
        String alice = handInAndWait("alice", EXACT);
        String bob = handInAndWait("bob", ROUNDED);
        assertEquals(6.0, result("alice", alice).getDouble("finalPoints"), 1e-9);
        assertEquals(2.0, result("bob", bob).getDouble("finalPoints"), 1e-9);
        TestLogins.as("ingrid").contentType(ContentType.JSON)
                .body(Map.of("checkId", "review", "points", 1.5, "comment", "clear"))
                .post("/api/submissions/" + bob + "/manual").then().statusCode(204);
        long runsBefore = sandboxRuns();
        long againBefore = again.sandboxRuns();
        JsonPath regrade;
        try (JobDirectoryWatch jobs = new JobDirectoryWatch(jobsRoot.path())) {
            // Half a day before now: every hand-in is one day late under the new due time, 5 %.
            String pastDue = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                    .format(Instant.now().minus(Duration.ofHours(12)).atZone(ZoneId.of("Asia/Singapore")));
            write(pastDue, "1.0e-2", "");
            sync.sync(folder);
            regrade = onlyRegrade();
            assertEquals("ready", regrade.getString("state"), regrade.prettify());
            assertEquals(2, regrade.getInt("handins"));
            assertEquals(2, regrade.getInt("changedScores"));
            assertEquals(0, regrade.getInt("sandboxRuns"));
            assertEquals(0, regrade.getInt("callsRerun"));
            assertEquals(6.0, entry(regrade, "alice", "oldPoints"), 1e-9);
            assertEquals(6.0 * 0.95, entry(regrade, "alice", "newPoints"), 1e-6);
            assertEquals(3.5, entry(regrade, "bob", "oldPoints"), 1e-9);
            assertEquals((6.0 + 1.5) * 0.95, entry(regrade, "bob", "newPoints"), 1e-6);
            assertThat(regrade.getList("changes").toString(), containsString("rtol is now 0.01 (was 1.0E-6)"));
            assertThat(regrade.getList("changes").toString(), containsString("the due time moved"));
            assertEquals(6.0, result("alice", alice).getDouble("finalPoints"), 1e-9, "a shadow regrade changed a score");
            TestLogins.as("ingrid").post(regradePath(regrade) + "/publish").then().statusCode(200);
            assertEquals(List.of(), jobs.made(Duration.ofSeconds(1)), "the rescore ran a job in the sandbox");
        }
        assertEquals(runsBefore, sandboxRuns(), "the rescore kept a new sandbox run");
        assertEquals(againBefore, again.sandboxRuns(), "the rescore started a sandbox");
        JsonPath a = result("alice", alice);
        assertEquals(5.7, a.getDouble("finalPoints"), 1e-6, a.prettify());
        assertEquals(5.0, a.getDouble("latePenaltyPercent"), 1e-9);
        assertThat(a.getString("rescore.sentence"), containsString("after the instructor changed the assignment: "));
        assertThat(a.getString("rescore.sentence"), containsString("check 'softmax''s rtol is now 0.01"));
        JsonPath b = result("bob", bob);
        assertEquals(7.125, b.getDouble("finalPoints"), 1e-6, b.prettify());
        assertEquals("passed", b.getString("checks.find { it.id == 'softmax' }.status"));
        assertEquals(1.5, b.getDouble("checks.find { it.id == 'review' }.points"), 1e-9, "the TA's grade was lost");
        TestLogins.as("ingrid").post(regradePath(regrade) + "/publish").then().statusCode(409);
        assertEquals(2L, auditedRescores(alice, bob), "each published rescore is audited with its reason");
    }

    @Test
    void aNewCheckRunsOnlyItsOwnCallsInTheWorkerAndReusesTheKeptOutputsOfTheRest() throws Exception {
        String alice = handInAndWait("alice", EXACT);
        long runsBefore = sandboxRuns();
        long againBefore = again.sandboxRuns();
        worker.stop();
        write("2027-06-30T23:59", "1.0e-6", """
                  - {id: tanh, kind: tensor, points: 1, visibility: visible, function: tanh, reference: tanh,
                     args: [x], inputs: {x: {shape: [3, 4]}}, outputs: [y], cases: [{seed: 5}]}
                """);
        sync.sync(folder);
        assertEquals(againBefore, again.sandboxRuns(), "the sync ran the changed calls itself instead of the worker");
        assertEquals("computing", onlyRegrade().getString("state"), "ready before the worker ran the new check");
        assertEquals(List.of("queued"), rerunJobs(alice), "no rerun job was queued for the worker");
        assertEquals("scored", result("alice", alice).getString("status"), "the student sees the platform's rerun job");
        worker.start(1);
        JsonPath regrade = awaitReady();
        assertEquals(List.of("done"), rerunJobs(alice));
        assertEquals(1, regrade.getInt("callsRerun"), "calls other than the new check's ran again");
        assertEquals(1, regrade.getInt("sandboxRuns"));
        assertEquals(runsBefore + 1, sandboxRuns());
        assertEquals(7.0, entry(regrade, "alice", "newPoints"), 1e-9, regrade.prettify());
        TestLogins.as("ingrid").post(regradePath(regrade) + "/publish").then().statusCode(200);
        JsonPath a = result("alice", alice);
        assertEquals("passed", a.getString("checks.find { it.id == 'tanh' }.status"), a.prettify());
        assertEquals("passed", a.getString("checks.find { it.id == 'softmax' }.status"));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select reused_from from sandbox_run"
                + " where id = (select max(id) from sandbox_run)").getSingleResult()), "the new run names the run it reused");
    }

    @Test
    void aDiscardedRegradeChangesNoScore() throws Exception {
        String alice = handInAndWait("alice", ROUNDED);
        write("2027-06-30T23:59", "1.0e-2", "");
        sync.sync(folder);
        JsonPath regrade = onlyRegrade();
        assertEquals(6.0, entry(regrade, "alice", "newPoints"), 1e-9, regrade.prettify());
        TestLogins.as("alice").post(regradePath(regrade) + "/discard").then().statusCode(403);
        TestLogins.as("ingrid").post(regradePath(regrade) + "/discard").then().statusCode(204);
        TestLogins.as("ingrid").post(regradePath(regrade) + "/publish").then().statusCode(409);
        JsonPath a = result("alice", alice);
        assertEquals(2.0, a.getDouble("finalPoints"), 1e-9);
        assertNull(a.get("rescore"));
    }

    private void write(String due, String rtol, String extraChecks) throws IOException {
        Path dir = folder.resolve(assignment);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("assignment.yaml"), "id: " + assignment + "\ncourse: " + course
                + "\ntitle: Regraded\nrelease: 2026-01-05T09:00\ndue: " + due + "\n"
                + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                + "checks:\n"
                + "  - {id: softmax, kind: tensor, points: 4, visibility: visible, function: softmax, reference: softmax,\n"
                + "     args: [x], inputs: {x: {shape: [4, 3], dist: normal}}, outputs: [y],\n"
                + "     cases: [{seed: 1}, {seed: 2}], rtol: " + rtol + ", atol: 1.0e-9}\n"
                + "  - {id: relu, kind: tensor, points: 2, visibility: visible, function: relu, reference: relu,\n"
                + "     args: [x], inputs: {x: {shape: [5, 2]}}, outputs: [y], cases: [{seed: 7}]}\n"
                + "  - {id: review, kind: manual, points: 2, visibility: visible}\n" + extraChecks);
    }

    private JsonPath onlyRegrade() {
        List<Map<String, Object>> all = TestLogins.as("ingrid").get("/api/assignments/" + assignment + "/regrades")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, all.size(), all.toString());
        return TestLogins.as("ingrid").get("/api/assignments/" + assignment + "/regrades/" + all.get(0).get("id"))
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        JsonPath regrade = onlyRegrade();
        while (!"ready".equals(regrade.getString("state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            regrade = onlyRegrade();
        }
        assertEquals("ready", regrade.getString("state"), regrade.prettify());
        return regrade;
    }

    @SuppressWarnings("unchecked")
    private List<String> rerunJobs(String submission) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select state from grading_job"
                + " where submission_id = cast(?1 as uuid) and purpose = 'rerun' order by id")
                .setParameter(1, submission).getResultList());
    }

    private String regradePath(JsonPath regrade) {
        return "/api/assignments/" + assignment + "/regrades/" + regrade.getLong("id");
    }

    private static double entry(JsonPath regrade, String student, String field) {
        return regrade.getDouble("entries.find { it.student == '" + student + "' }." + field);
    }

    private long sandboxRuns() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from sandbox_run").getSingleResult()).longValue());
    }

    private long auditedRescores(String... submissions) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_log where action = 'submission.rescore' and entity_id in (?1, ?2)"
                        + " and after_state ->> 'why' like 'Rescored on % after the instructor changed the assignment: %'")
                .setParameter(1, submissions[0]).setParameter(2, submissions[1]).getSingleResult()).longValue());
    }

    private static JsonPath result(String user, String id) {
        return TestLogins.as(user).get("/api/submissions/" + id + "/result").then().statusCode(200).extract().jsonPath();
    }

    private String handInAndWait(String user, String code) throws InterruptedException {
        String id = TestLogins.as(user).multiPart("code", "net.py", code.getBytes(StandardCharsets.UTF_8))
                .post("/api/assignments/" + assignment + "/submissions").then().statusCode(201).extract()
                .path("submissionId");
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if ("scored".equals(result(user, id).getString("status"))) {
                return id;
            }
            Thread.sleep(300);
        }
        fail("hand-in " + id + " was not scored within 180 s");
        return id;
    }
}

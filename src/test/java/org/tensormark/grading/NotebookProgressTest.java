package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * While a notebook hand-in runs, its page and the TA's dashboard can ask where it is: which
 * notebook, which cell, for how long; the answers change as the job goes on.
 */
@QuarkusTest
class NotebookProgressTest {

    @Inject
    AssignmentSync sync;

    @Inject
    DemoAccounts demo;

    @Inject
    Worker worker;

    @BeforeEach
    void start() throws Exception {
        sync.sync(ProgressCourse.write("import time\ntime.sleep(2)\nassert x + y == 3", 4));
        demo.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void theStudentAndTheTaSeeWhichNotebookAndCellRunAndTheElapsedTimeChangeWhileTheJobRuns() throws Exception {
        String id = TestLogins.as("alice").multiPart("code", "lee_ann_Steps.ipynb", ProgressCourse.notebook(4, "pass"))
                .post("/api/assignments/" + ProgressCourse.ASSIGNMENT + "/submissions").then().statusCode(201)
                .extract().path("submissionId");
        List<JsonPath> seen = new ArrayList<>();
        boolean tasSawIt = false;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath now = TestLogins.as("alice").get("/api/submissions/" + id + "/progress").then().statusCode(200)
                    .extract().jsonPath();
            if (now.getString("notebook") != null) {
                seen.add(now);
                JsonPath board = TestLogins.as("tom").get("/api/assignments/" + ProgressCourse.ASSIGNMENT + "/progress")
                        .then().statusCode(200).extract().jsonPath();
                tasSawIt |= board.getList("submissionId").contains(id);
            }
            String status = TestLogins.as("alice").get("/api/submissions/" + id + "/result").then().statusCode(200)
                    .extract().path("status");
            if ("scored".equals(status)) {
                break;
            }
            Thread.sleep(200);
        }
        JsonPath slow = seen.stream().filter(p -> "slow".equals(p.getString("gradeId"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the slow cell was never shown running: " + describe(seen)));
        assertEquals(ProgressCourse.PART, slow.getString("notebook"));
        assertEquals("cells", slow.getString("phase"));
        assertEquals(2, slow.getInt("cell"));
        assertEquals(3, slow.getInt("steps"), describe(seen));
        List<JsonPath> inSlow = seen.stream().filter(p -> "slow".equals(p.getString("gradeId"))).toList();
        assertTrue(inSlow.get(inSlow.size() - 1).getDouble("notebookSeconds") > inSlow.get(0).getDouble("notebookSeconds"),
                "the elapsed time grows while the slow cell runs: " + describe(inSlow));
        assertTrue(seen.stream().anyMatch(p -> "tests".equals(p.getString("phase")) && "t-sum".equals(p.getString("gradeId"))
                        && p.getInt("step") == 3),
                "the (slow) test cell was shown after the slow cell: " + describe(seen));
        assertTrue(tasSawIt, "the TA's list of running hand-ins had it");
        JsonPath after = TestLogins.as("alice").get("/api/submissions/" + id + "/progress").then().statusCode(200)
                .extract().jsonPath();
        assertFalse(after.getBoolean("running"), after.prettify());
        assertEquals(null, after.getString("notebook"));
    }

    @Test
    void aNotebookGradedFromAFolderTheServerNoLongerReadsUsesTheSourceItsVersionStored() throws Exception {
        String id = TestLogins.as("bob").multiPart("code", "bob_Steps.ipynb", ProgressCourse.notebook(0, "pass"))
                .post("/api/assignments/" + ProgressCourse.ASSIGNMENT + "/submissions").then().statusCode(201)
                .extract().path("submissionId");
        long deadline = System.currentTimeMillis() + 120_000;
        JsonPath result = null;
        while (System.currentTimeMillis() < deadline) {
            result = TestLogins.as("bob").get("/api/submissions/" + id + "/result").then().statusCode(200).extract().jsonPath();
            if ("scored".equals(result.getString("status"))) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals("scored", result.getString("status"), result.prettify());
        assertEquals(1.0, result.getDouble("checks.find { it.id == 'notebooks' }.points"), 1e-9, result.prettify());
    }

    private static String describe(List<JsonPath> seen) {
        return seen.stream().map(p -> p.getString("notebook") + "/" + p.getString("phase") + "/" + p.getString("cell")
                + "/" + p.getString("gradeId") + "@" + p.getString("notebookSeconds")).toList().toString();
    }
}

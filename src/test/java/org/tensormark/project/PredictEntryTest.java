package org.tensormark.project;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.Worker;
import org.tensormark.identity.TestLogins;

/**
 * Leaderboard entries handed in as a {@code predict(inputs)} function over HTTP: the real worker
 * runs it in the sandbox on the held-out inputs alone, and the entry is scored like a CSV entry or
 * carries the reason it could not be.
 */
@QuarkusTest
class PredictEntryTest {

    @Inject
    ProjectCourse course;

    @Inject
    Worker worker;

    @Inject
    EntityManager em;

    @BeforeEach
    void start() {
        course.ensure();
        name("alice", "Centroid Crew");
        name("carol", "Constant Company");
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    private static String path(String assignment, String rest) {
        return "/api/assignments/" + assignment + "/leaderboard" + rest;
    }

    private static void name(String student, String pseudonym) {
        TestLogins.as(student).contentType("application/json").body(Map.of("pseudonym", pseudonym))
                .put(path(ProjectCourse.PREDICT_BOARD, "/pseudonym")).then().statusCode(200);
    }

    private static RequestSpecification code(String student, String source) {
        return TestLogins.as(student).multiPart("code", "predict.py", source.getBytes(StandardCharsets.UTF_8));
    }

    private static long enter(RequestSpecification request) {
        return ((Number) request.post(path(ProjectCourse.PREDICT_BOARD, "/predict")).then().statusCode(202)
                .body("kind", equalTo("predict")).body("state", equalTo("running")).extract().path("id")).longValue();
    }

    /** The entry as its group sees it on the board once the worker has run it. */
    private static Map<String, Object> settled(String student, long entryId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath board = TestLogins.as(student).get(path(ProjectCourse.PREDICT_BOARD, "")).then().statusCode(200)
                    .extract().jsonPath();
            for (Map<String, Object> entry : board.<Map<String, Object>>getList("yourEntries")) {
                if (((Number) entry.get("id")).longValue() == entryId && !"running".equals(entry.get("state"))) {
                    return entry;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("predict entry " + entryId + " was not run within 180 s");
    }

    private static List<double[]> rows(String csv, int columns) {
        List<double[]> rows = new ArrayList<>();
        csv.lines().skip(1).forEach(line -> {
            String[] cells = line.split(",");
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = Double.parseDouble(cells[c + 1]);
            }
            rows.add(row);
        });
        return rows;
    }

    /** The training rows' class means, [[x1, x2], …] for classes 0, 1, 2. */
    private static double[][] centroids() {
        String train = TestLogins.as("alice").get(path(ProjectCourse.PREDICT_BOARD, "/train.csv")).then().statusCode(200)
                .extract().asString();
        double[][] sums = new double[3][2];
        int[] counts = new int[3];
        train.lines().skip(1).forEach(line -> {
            String[] cells = line.split(",");
            int label = Integer.parseInt(cells[3]);
            sums[label][0] += Double.parseDouble(cells[1]);
            sums[label][1] += Double.parseDouble(cells[2]);
            counts[label]++;
        });
        for (int k = 0; k < 3; k++) {
            sums[k][0] /= counts[k];
            sums[k][1] /= counts[k];
        }
        return sums;
    }

    private static String json(double[][] centres) {
        List<String> rows = new ArrayList<>();
        for (double[] c : centres) {
            rows.add(String.format(Locale.ROOT, "[%.17g, %.17g]", c[0], c[1]));
        }
        return "[" + String.join(", ", rows) + "]";
    }

    /** The nearest-centroid predictions, computed here, as a predictions CSV. */
    private static String nearestCentroidCsv(double[][] centres) {
        String inputs = TestLogins.as("alice").get(path(ProjectCourse.PREDICT_BOARD, "/inputs.csv")).then()
                .statusCode(200).extract().asString();
        List<String> ids = inputs.lines().skip(1).map(l -> l.split(",")[0]).toList();
        List<double[]> rows = rows(inputs, 2);
        StringBuilder csv = new StringBuilder("id,prediction\n");
        for (int i = 0; i < rows.size(); i++) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < centres.length; k++) {
                double dx = rows.get(i)[0] - centres[k][0];
                double dy = rows.get(i)[1] - centres[k][1];
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = k;
                }
            }
            csv.append(ids.get(i)).append(',').append(best).append('\n');
        }
        return csv.toString();
    }

    static final String NEAREST_CENTROID = """
            import json, os
            import numpy as np

            with open(os.path.join(os.path.dirname(__file__), "centroids.json")) as f:
                CENTRES = np.array(json.load(f))

            def predict(inputs):
                distances = ((inputs[:, None, :] - CENTRES[None, :, :]) ** 2).sum(axis=2)
                return distances.argmin(axis=1)
            """;

    @Test
    void aPredictFunctionHandedInOverHttpIsScoredLikeTheSameCsvAndBeatsAConstantOne() throws Exception {
        worker.start(1);
        double[][] centres = centroids();
        long good = enter(code("alice", NEAREST_CENTROID).multiPart("weights", "centroids.json",
                json(centres).getBytes(StandardCharsets.UTF_8)));
        long constant = enter(code("carol", "def predict(inputs):\n    return [0] * len(inputs)\n"));
        Map<String, Object> scored = settled("bob", good);
        assertEquals("scored", scored.get("state"), scored.toString());
        assertNull(scored.get("privateScore"), "private scores stay hidden before the due time");
        Map<String, Object> flat = settled("dave", constant);
        assertEquals("scored", flat.get("state"), flat.toString());
        double goodScore = ((Number) scored.get("publicScore")).doubleValue();
        double flatScore = ((Number) flat.get("publicScore")).doubleValue();
        assertTrue(goodScore > flatScore, goodScore + " vs " + flatScore);

        float sameAsCsv = TestLogins.as("alice").contentType("text/csv").body(nearestCentroidCsv(centres))
                .post(path(ProjectCourse.PREDICT_BOARD, "/entries")).then().statusCode(201).extract().path("publicScore");
        assertEquals(goodScore, sameAsCsv, 1e-6, "the same predictions score the same, whichever way they came");
        TestLogins.as("dave").get(path(ProjectCourse.PREDICT_BOARD, "")).then().statusCode(200)
                .body("standings[0].pseudonym", equalTo("Centroid Crew"))
                .body("standings[1].pseudonym", equalTo("Constant Company"));
    }

    @Test
    void theSandboxGetsTheHeldOutInputsAndNothingThatHoldsALabel() throws Exception {
        worker.start(1);
        long spy = enter(code("alice", """
                import json, os
                import numpy as np

                def predict(inputs):
                    seen = sorted(os.path.relpath(os.path.join(d, f), "/job/in") for d, _, fs in os.walk("/job/in") for f in fs)
                    arrays = np.load("/job/in/inputs.npz")
                    plan = json.load(open("/job/in/plan.json"))
                    raise RuntimeError("in=%s arrays=%s shape=%s calls=%s passed=%s" % (seen, sorted(arrays.files),
                                       arrays["inputs"].shape, [c["id"] for c in plan["calls"]],
                                       np.array_equal(arrays["inputs"], inputs)))
                """));
        String message = (String) settled("alice", spy).get("message");
        assertTrue(message.contains("in=['inputs.npz', 'plan.json'] arrays=['inputs'] shape=(40, 2) calls=['predict']"
                + " passed=True"), message);
    }

    @Test
    void aPredictFunctionThatFailsTellsTheGroupWhyAndIsNotScored() throws Exception {
        worker.start(1);
        long raises = enter(code("carol", "def predict(inputs):\n    raise ValueError('no model yet')\n"));
        long short_ = enter(code("carol", "def predict(inputs):\n    return [0] * 5\n"));
        long notLabels = enter(code("carol", "def predict(inputs):\n    return [0.5] * len(inputs)\n"));
        long endless = enter(code("carol", "def predict(inputs):\n    while True:\n        pass\n"));
        Map<String, Object> failed = settled("dave", raises);
        assertEquals("failed", failed.get("state"));
        assertNull(failed.get("publicScore"));
        String why = (String) failed.get("message");
        assertTrue(why.startsWith("predict(inputs) failed: ValueError: no model yet"), why);
        assertTrue(why.contains("predict.py"), "the traceback names the group's file: " + why);
        assertEquals("predict returned an array of shape (5,); it must return one label per row of inputs, shape (40,).",
                settled("dave", short_).get("message"));
        assertEquals("predict returned 0.5 for row 0 (t00000); a label is a whole number from 0 to 2.",
                settled("dave", notLabels).get("message"));
        assertEquals("predict(inputs) did not finish within the time limit of 8 s.",
                settled("dave", endless).get("message"));
    }

    @Test
    void anEntryThePlatformCouldNotRunIsFeedbackAndCostsNoEntry() {
        int left = TestLogins.as("bob").get(path(ProjectCourse.PREDICT_BOARD, "")).then().statusCode(200)
                .body("entryKinds", equalTo(List.of("csv", "predict"))).extract().path("yourEntriesLeft");
        long entry = enter(code("bob", NEAREST_CENTROID));
        TestLogins.as("bob").get(path(ProjectCourse.PREDICT_BOARD, "")).then()
                .body("yourEntriesLeft", equalTo(left - 1));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update grading_job set state = 'failed',"
                + " attempts = max_attempts, last_error = 'sandbox: test' where leaderboard_entry_id = ?1")
                .setParameter(1, entry).executeUpdate());
        TestLogins.as("bob").get(path(ProjectCourse.PREDICT_BOARD, "")).then()
                .body("yourEntriesLeft", equalTo(left))
                .body("yourEntries.find { it.id == " + entry + " }.state", equalTo("failed"))
                .body("yourEntries.find { it.id == " + entry + " }.message",
                        containsString("could not run your predict function (not your code's fault)"));
    }

    @Test
    void aLeaderboardTakingCsvsOnlyRefusesAPredictFunction() {
        TestLogins.as("alice").multiPart("code", "predict.py", "def predict(x):\n    return x\n".getBytes(StandardCharsets.UTF_8))
                .post(path(ProjectCourse.BOARD, "/predict")).then().statusCode(422)
                .body("message", containsString("takes predictions CSVs only, not predict functions"));
    }

    @Test
    void aWeightsFileOverTheLimitIsRefusedBeforeItCostsAnEntry() {
        int left = TestLogins.as("carol").get(path(ProjectCourse.PREDICT_BOARD, "")).then().extract().path("yourEntriesLeft");
        code("carol", NEAREST_CENTROID).multiPart("weights", "big.npy", new byte[65 * 1024])
                .post(path(ProjectCourse.PREDICT_BOARD, "/predict")).then().statusCode(413)
                .body("message", containsString("at most 64 KiB"));
        TestLogins.as("carol").get(path(ProjectCourse.PREDICT_BOARD, "")).then().body("yourEntriesLeft", equalTo(left));
    }
}

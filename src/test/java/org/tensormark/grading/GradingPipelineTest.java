package org.tensormark.grading;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

/** A hand-in goes in over HTTP, runs in the real sandbox, and comes back scored and explained. */
@QuarkusTest
class GradingPipelineTest {

    static final String SOLUTION = """
            import numpy as np

            def softmax(x):
                e = np.exp(x - x.max(axis=-1, keepdims=True))
                return e / e.sum(axis=-1, keepdims=True)

            def relu(x):
                return np.maximum(x, 0)
            """;

    static final String OVERFLOWING = """
            import numpy as np

            def softmax(x):
                e = np.exp(x)
                return e / e.sum(axis=-1, keepdims=True)

            def relu(x):
                return x
            """;

    @Inject
    IntakeCourse course;

    @Inject
    Worker worker;

    @Inject
    JobsRoot jobsRoot;

    @Inject
    EntityManager em;

    @BeforeEach
    void start() {
        course.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    static byte[] report(String heading) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                text.newLineAtOffset(72, 700);
                text.showText(heading);
                text.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static JsonPath handInAndWait(String user, String code, byte[] pdf) {
        return handInAndWait(user, "in-graded", "net.py", code.getBytes(StandardCharsets.UTF_8), pdf);
    }

    static JsonPath handInAndWait(String user, String assignment, String filename, byte[] code, byte[] pdf) {
        String id = TestLogins.as(user).multiPart("code", filename, code)
                .multiPart("report", "report.pdf", pdf)
                .post("/api/assignments/" + assignment + "/submissions").then().statusCode(201).extract().path("submissionId");
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath result = TestLogins.as(user).get("/api/submissions/" + id + "/result").then().statusCode(200)
                    .extract().jsonPath();
            if ("scored".equals(result.getString("status"))) {
                return result;
            }
            sleep();
        }
        throw new AssertionError("hand-in " + id + " was not scored within 180 s");
    }

    @Test
    void theSolutionGetsEveryAutomaticPoint() throws IOException {
        JsonPath r = handInAndWait("alice", SOLUTION, report("1 Introduction"));
        assertEquals(8.0, r.getDouble("rawPoints"), 1e-9, r.prettify());
        assertEquals(10.0, r.getDouble("maxPoints"), 1e-9);
        assertEquals("passed", r.getString("checks.find { it.id == 'softmax' }.status"));
        assertEquals("passed", r.getString("checks.find { it.id == 'relu' }.status"));
        assertEquals("pending", r.getString("checks.find { it.id == 'review' }.status"));
        assertEquals(0.0, r.getDouble("latePenaltyPercent"), 0);
    }

    @Test
    void softmaxWithoutTheMaxShiftLosesTheLargeMagnitudeCaseWithAnExplanation() throws IOException {
        JsonPath r = handInAndWait("bob", OVERFLOWING, report("Results only"));
        assertEquals("partial", r.getString("checks.find { it.id == 'softmax' }.status"), r.prettify());
        assertEquals(4.0 * 2 / 3, r.getDouble("checks.find { it.id == 'softmax' }.points"), 1e-6);
        String explanation = r.getString("checks.find { it.id == 'softmax' }.details.cases[2].comparisons[0].explanation");
        org.hamcrest.MatcherAssert.assertThat(explanation, containsString("NaN"));
        assertEquals("failed", r.getString("checks.find { it.id == 'relu' }.status"));
        org.hamcrest.MatcherAssert.assertThat(r.getMap("checks.find { it.id == 'relu' }"), not(hasKey("details")));
        assertEquals("partial", r.getString("checks.find { it.id == 'report' }.status"));
    }

    @Test
    void aZippedPackageIsGradedLikeASingleFile() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("mynet/__init__.py"));
            zip.write("from .layers import softmax, relu\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("mynet/layers.py"));
            zip.write(SOLUTION.getBytes(StandardCharsets.UTF_8));
        }
        JsonPath r = handInAndWait("dave", "in-graded", "mynet.zip", bytes.toByteArray(), report("Introduction"));
        assertEquals(8.0, r.getDouble("rawPoints"), 1e-9, r.prettify());
    }

    @Test
    void aNotebookWithMagicsIsGradedLikeASingleFile() throws IOException {
        String source = ("%matplotlib inline\n!pip install nothing\n" + SOLUTION).replace("\"", "\\\"");
        StringBuilder lines = new StringBuilder();
        for (String line : source.split("\n")) {
            lines.append(lines.length() == 0 ? "" : ", ").append('"').append(line).append("\\n\"");
        }
        String notebook = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# My answers\"]},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [],"
                + " \"source\": [" + lines + "]}]}";
        JsonPath r = handInAndWait("alice", "in-graded", "answers.ipynb", notebook.getBytes(StandardCharsets.UTF_8),
                report("Introduction"));
        assertEquals(8.0, r.getDouble("rawPoints"), 1e-9, r.prettify());
    }

    @Test
    void resultsWithHeadersNestedFiftyThousandDeepAreExplainedAndTheNextHandInScoresFullMarks() throws IOException {
        JsonPath crafted = handInAndWait("bob", sandboxResource("deep_header.py"), report("Introduction"));
        assertEquals("failed", crafted.getString("checks.find { it.id == 'softmax' }.status"), crafted.prettify());
        assertEquals("the result could not be read: softmax__0.npz:result: the .npy header nests brackets more"
                        + " than 16 deep, the limit; np.save never writes such a header for a numeric array",
                crafted.getString("checks.find { it.id == 'softmax' }.details.cases[0].error"));
        JsonPath good = handInAndWait("alice", SOLUTION, report("Introduction"));
        assertEquals(8.0, good.getDouble("rawPoints"), 1e-9, good.prettify());
    }

    private static String sandboxResource(String name) throws IOException {
        try (InputStream in = GradingPipelineTest.class.getResourceAsStream("/sandbox/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aHandInTwoDaysLateLosesTenPercentWithTheSentence() throws IOException {
        JsonPath r = handInAndWait("bob", "in-graded-late", "net.py", SOLUTION.getBytes(StandardCharsets.UTF_8),
                report("Introduction"));
        assertEquals(10.0, r.getDouble("latePenaltyPercent"), 1e-9, r.prettify());
        assertEquals(8.0 * 0.9, r.getDouble("finalPoints"), 1e-6);
        org.hamcrest.MatcherAssert.assertThat(r.getString("lateSentence"), containsString("2 days late"));
    }

    @Test
    void manualGradesOverridesAndExtensionsRescoreWithoutRerunning() throws Exception {
        JsonPath r = handInAndWait("carol", "in-graded-late", "net.py", SOLUTION.getBytes(StandardCharsets.UTF_8),
                report("Introduction"));
        String id = r.getString("submissionId");
        assertEquals(10.0, r.getDouble("latePenaltyPercent"), 1e-9);
        long jobsBefore = gradingJobs();
        try (JobDirectoryWatch runs = new JobDirectoryWatch(jobsRoot.path())) {
            rescoreByHand(id);
            assertEquals(jobsBefore, gradingJobs(), "rescoring enqueued a grading job");
            assertEquals(List.of(), runs.made(Duration.ofSeconds(2)), "rescoring ran a job in the sandbox");
        }
    }

    private long gradingJobs() {
        return ((Number) em.createNativeQuery("select count(*) from grading_job").getSingleResult()).longValue();
    }

    /** A TA's points, an extension and an override on a late hand-in, each checked as the student sees it. */
    private static void rescoreByHand(String id) {
        TestLogins.as("carol").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("checkId", "review", "points", 2)).post("/api/submissions/" + id + "/manual")
                .then().statusCode(403);
        TestLogins.as("tom").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("checkId", "review", "points", 2, "comment", "clear code"))
                .post("/api/submissions/" + id + "/manual").then().statusCode(204);
        TestLogins.as("carol").get("/api/submissions/" + id + "/result").then()
                .body("rawPoints", equalTo(10.0f)).body("finalPoints", equalTo(9.0f))
                .body("checks.find { it.id == 'review' }.status", equalTo("passed"));
        TestLogins.as("ingrid").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("username", "carol", "dueAt", "2099-01-01T00:00:00Z", "reason", "medical leave"))
                .post("/api/assignments/in-graded-late/extensions").then().statusCode(201);
        TestLogins.as("carol").get("/api/submissions/" + id + "/result").then()
                .body("latePenaltyPercent", equalTo(0.0f)).body("finalPoints", equalTo(10.0f));
        TestLogins.as("tom").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("points", 7.5, "reason", "x")).post("/api/submissions/" + id + "/override")
                .then().statusCode(403);
        TestLogins.as("ingrid").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("points", 7.5)).post("/api/submissions/" + id + "/override")
                .then().statusCode(400).body("message", containsString("needs a reason"));
        TestLogins.as("ingrid").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("points", 7.5, "reason", "copied the report figures"))
                .post("/api/submissions/" + id + "/override").then().statusCode(204);
        TestLogins.as("carol").get("/api/submissions/" + id + "/result").then()
                .body("finalPoints", equalTo(7.5f)).body("overrideReason", equalTo("copied the report figures"));
    }

    @Test
    void aRegradeRerunsTheAutomaticChecksAndKeepsTheTasGradesAndTheOverride() throws IOException {
        JsonPath r = handInAndWait("dave", SOLUTION, report("Introduction"));
        String id = r.getString("submissionId");
        assertEquals(8.0, r.getDouble("finalPoints"), 1e-9, r.prettify());
        TestLogins.as("tom").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("checkId", "review", "points", 1.5, "comment", "tidy"))
                .post("/api/submissions/" + id + "/manual").then().statusCode(204);
        JsonPath regraded = regradeAndWait(id, r.getString("scoredAt"));
        assertEquals(9.5, regraded.getDouble("rawPoints"), 1e-9, regraded.prettify());
        assertEquals(9.5, regraded.getDouble("finalPoints"), 1e-9);
        assertEquals("Graded by a TA: 1.5 of 2.0. tidy",
                regraded.getString("checks.find { it.id == 'review' }.summary"));
        TestLogins.as("ingrid").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("points", 6, "reason", "report copied"))
                .post("/api/submissions/" + id + "/override").then().statusCode(204);
        JsonPath again = regradeAndWait(id, regraded.getString("scoredAt"));
        assertEquals(6.0, again.getDouble("finalPoints"), 1e-9, again.prettify());
        assertEquals("report copied", again.getString("overrideReason"));
        assertEquals(1.5, again.getDouble("checks.find { it.id == 'review' }.points"), 1e-9);
    }

    private static JsonPath regradeAndWait(String id, String scoredBefore) {
        TestLogins.as("tom").post("/api/submissions/" + id + "/regrade").then().statusCode(202);
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath result = TestLogins.as("tom").get("/api/submissions/" + id + "/result").then().statusCode(200)
                    .extract().jsonPath();
            if ("scored".equals(result.getString("status")) && !scoredBefore.equals(result.getString("scoredAt"))) {
                return result;
            }
            sleep();
        }
        throw new AssertionError("the regrade of " + id + " was not scored within 180 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    @Test
    void staffSeeHiddenDetailsAndProvenance() throws IOException {
        JsonPath student = handInAndWait("carol", OVERFLOWING, report("Introduction"));
        String id = student.getString("submissionId");
        TestLogins.as("tom").get("/api/submissions/" + id + "/result").then().statusCode(200)
                .body("checks.find { it.id == 'relu' }", hasKey("details"))
                .body("provenance.harnessVersion", equalTo(1))
                .body("provenance.runtime", containsString("torch 2.6"))
                .body("provenance.image", equalTo("course-cpu"))
                .body("provenance.imageDigest", org.hamcrest.Matchers.startsWith("sha256:"))
                .body("provenance.seeds.softmax", equalTo(java.util.List.of(1, 2, 3)))
                .body("provenance.seeds.relu", equalTo(java.util.List.of(7)));
    }
}

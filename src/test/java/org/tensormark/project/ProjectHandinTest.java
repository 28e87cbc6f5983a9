package org.tensormark.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.Worker;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.BlobStore;

/**
 * The group project end to end over HTTP: a group of three hands in code, a report and a 300 MB
 * video sent as a resumable upload whose connection is cut halfway; the real worker grades it.
 */
@QuarkusTest
class ProjectHandinTest {

    static final long MB = 1L << 20;

    @Inject
    ProjectCourse course;

    @Inject
    Worker worker;

    @Inject
    BlobStore blobs;

    @Inject
    EntityManager em;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void start() {
        course.ensure();
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aGroupOfThreeHandsInWithAResumedVideoAndLearnsWhichMemberTheReportMissed() throws Exception {
        String invite = TestLogins.as("alice").contentType("application/json").body(Map.of("name", "Trio"))
                .post("/api/assignments/pj-group/group").then().statusCode(201).extract().path("inviteCode");
        for (String member : List.of("bob", "carol")) {
            TestLogins.as(member).contentType("application/json").body(Map.of("inviteCode", invite))
                    .post("/api/assignments/pj-group/group/join").then().statusCode(200);
        }
        long size = 300 * MB;
        long seed = System.nanoTime();
        Supplier<InputStream> video = () -> new Mp4Builder().duration(600, 600 * 240).stream(size, seed);
        String sha = ResumableClient.sha256(video.get());
        ResumableClient client = new ResumableClient(URI.create(base.toString()), TestLogins.token("alice"));
        String upload = client.start("pj-group", "extra", "presentation.mp4", size, sha);
        client.patchCutOff(upload, video, 0, 150 * MB, 75 * MB);
        long resumedAt = client.offset(upload);
        assertTrue(resumedAt > 0 && resumedAt <= 75 * MB, "resumes at " + resumedAt);
        client.finish(upload, video, size, 100 * MB);

        byte[] pdf = Files.readAllBytes(report(List.of("alice", "bob")));
        byte[] code = Files.readAllBytes(Path.of("assignments/project/solution/run.py"));
        String id = TestLogins.as("alice").multiPart("upload", upload).multiPart("code", "run.py", code)
                .multiPart("report", "report.pdf", pdf).post("/api/assignments/pj-group/submissions/from-uploads")
                .then().statusCode(201).extract().path("submissionId");
        try {
            JsonPath r = scored("carol", id);
            assertEquals("passed", r.getString("checks.find { it.id == 'smoke' }.status"), r.prettify());
            assertTrue(r.getList("checks.find { it.id == 'smoke' }.details.findings.message", String.class).get(1)
                    .matches("It wrote figure\\.png \\(\\d+ bytes, a PNG image\\)\\."), r.prettify());
            assertEquals("passed", r.getString("checks.find { it.id == 'video' }.status"), r.prettify());
            assertEquals("partial", r.getString("checks.find { it.id == 'report' }.status"), r.prettify());
            List<String> failed = r.getList("checks.find { it.id == 'report' }.details.findings.findAll { !it.ok }.message",
                    String.class);
            assertEquals(List.of("The report does not name " + label("carol") + "."), failed);
            assertEquals(sha, ChunkDigest.of(blobs.pathOf(sha)));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update submission_file set purged_at = now()"
                    + " where submission_id = cast(?1 as uuid) and role = 'extra'").setParameter(1, id).executeUpdate());
            Files.deleteIfExists(blobs.pathOf(sha));
        }
    }

    private String label(String username) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select display_name, student_id from app_user where username = ?1").setParameter(1, username)
                .getSingleResult());
        return row[1] == null ? (String) row[0] : row[0] + " (" + row[1] + ")";
    }

    private Path report(List<String> named) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("Introduction", "Our group:"));
        for (String u : named) {
            lines.add(label(u));
        }
        lines.add("Conclusion");
        return org.tensormark.grading.TestReports.pdf(Files.createTempFile("report", ".pdf"), lines.toArray(String[]::new));
    }

    private static JsonPath scored(String user, String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath result = TestLogins.as(user).get("/api/submissions/" + id + "/result").then().statusCode(200)
                    .extract().jsonPath();
            if ("scored".equals(result.getString("status")) || "student_error".equals(result.getString("status"))) {
                return result;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("hand-in " + id + " was not scored within 240 s");
    }
}

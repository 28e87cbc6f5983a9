package org.tensormark.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.BlobStore;

@QuarkusTest
class ResumableUploadTest {

    static final byte[] CODE = "print('hello')\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final long MB = 1L << 20;

    @Inject
    ProjectCourse course;

    @Inject
    BlobStore blobs;

    @Inject
    PartialUploads uploads;

    @Inject
    EntityManager em;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void aVideoOf300MbCutOffHalfwaySurvivesAndIsHandedInWithItsSha256() throws Exception {
        long size = 300 * MB;
        long seed = System.nanoTime();
        Supplier<InputStream> video = () -> new Mp4Builder().stream(size, seed);
        String sha = ResumableClient.sha256(video.get());
        ResumableClient client = new ResumableClient(URI.create(base.toString()), TestLogins.token("alice"));
        String id = client.start("pj-upload", "extra", "talk.mp4", size, sha);

        assertEquals(204, client.patch(id, video, 0, 100 * MB).statusCode());
        client.patchCutOff(id, video, 100 * MB, 200 * MB, 50 * MB);
        long resumedAt = client.offset(id);
        assertTrue(resumedAt >= 100 * MB && resumedAt <= 150 * MB, "resumes at " + resumedAt);
        client.finish(id, video, size, 100 * MB);
        assertEquals(size, client.offset(id));

        String submission = TestLogins.as("alice").multiPart("upload", id).multiPart("code", "net.py", CODE)
                .multiPart("report", "report.pdf", PDF).post("/api/assignments/pj-upload/submissions/from-uploads")
                .then().statusCode(201).body("files.find { it.role == 'extra' }.sha256", org.hamcrest.Matchers.equalTo(sha))
                .extract().path("submissionId");
        try {
            assertEquals(sha, ChunkDigest.of(blobs.pathOf(sha)), "the stored blob has the declared sha256");
            assertTrue(Files.notExists(uploads.partOf(java.util.UUID.fromString(id))), "the upload's bytes are gone");
        } finally {
            purge(submission, sha);
        }
    }

    @Test
    void aChunkThatStartsElsewhereThanTheUploadStandsIsRefusedWithTheOffset() throws Exception {
        byte[] file = new Mp4Builder().bytes(4096);
        ResumableClient client = new ResumableClient(URI.create(base.toString()), TestLogins.token("bob"));
        String id = client.start("pj-upload", "extra", "talk.mov", file.length,
                ResumableClient.sha256(new java.io.ByteArrayInputStream(file)));
        var r = client.patch(id, () -> new java.io.ByteArrayInputStream(file), 1000, 2000);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("stands at offset 0"), r.body());
    }

    @Test
    void aFileWhoseBytesDoNotMatchTheDeclaredSha256IsDiscarded() throws Exception {
        byte[] file = new Mp4Builder().bytes(4096);
        ResumableClient client = new ResumableClient(URI.create(base.toString()), TestLogins.token("bob"));
        String id = client.start("pj-upload", "extra", "talk.mp4", file.length, "ab".repeat(32));
        var r = client.patch(id, () -> new java.io.ByteArrayInputStream(file), 0, file.length);
        assertEquals(422, r.statusCode());
        assertEquals(0, client.offset(id));
    }

    @Test
    void anUploadLargerThanItsSlotIsRefusedBeforeAByteIsSent() {
        TestLogins.as("bob").contentType("application/json")
                .body(java.util.Map.of("role", "extra", "filename", "talk.mp4", "size", 501 * MB, "sha256", "ab".repeat(32)))
                .post("/api/assignments/pj-upload/uploads").then().statusCode(413)
                .body("message", containsString("500 MB"));
    }

    @Test
    void anotherStudentCannotSeeOrFeedAnUpload() throws Exception {
        ResumableClient alice = new ResumableClient(URI.create(base.toString()), TestLogins.token("alice"));
        String id = alice.start("pj-upload", "extra", "talk.mp4", 10, "ab".repeat(32));
        TestLogins.as("bob").head("/api/uploads/" + id).then().statusCode(404);
        TestLogins.as("bob").header("Upload-Offset", "0").body(new byte[] {1}).contentType("application/offset+octet-stream")
                .patch("/api/uploads/" + id).then().statusCode(404);
        TestLogins.as("alice").delete("/api/uploads/" + id).then().statusCode(204);
    }

    @Test
    void expiredUploadsAreDeletedWithTheirBytes() throws Exception {
        ResumableClient client = new ResumableClient(URI.create(base.toString()), TestLogins.token("carol"));
        String id = client.start("pj-upload", "extra", "talk.mp4", 10, "ab".repeat(32));
        Path part = uploads.partOf(java.util.UUID.fromString(id));
        assertTrue(Files.exists(part));
        uploads.sweep(java.time.Instant.now().plus(java.time.Duration.ofDays(2)));
        assertTrue(Files.notExists(part));
        TestLogins.as("carol").head("/api/uploads/" + id).then().statusCode(404);
    }

    /** Keeps the test data small: the 300 MB blob goes, its row is marked purged as retention would. */
    void purge(String submission, String sha) throws Exception {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update submission_file set purged_at = now()"
                + " where submission_id = cast(?1 as uuid) and role = 'extra'").setParameter(1, submission).executeUpdate());
        Files.deleteIfExists(blobs.pathOf(sha));
    }
}

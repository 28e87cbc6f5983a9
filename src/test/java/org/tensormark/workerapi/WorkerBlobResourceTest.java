package org.tensormark.workerapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.WorkerCredential;
import org.tensormark.submission.BlobStore;

/** The internal worker endpoint serves and keeps blobs for the worker credential alone, checking every hash. */
@QuarkusTest
class WorkerBlobResourceTest {

    private static final String CREDENTIAL = "test-worker-credential";

    @Inject
    BlobStore blobs;

    @Test
    void theWorkerCredentialReadsAStoredFile() throws IOException {
        byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        String sha = blobs.put(new ByteArrayInputStream(bytes)).sha256();

        byte[] got = given().header(WorkerCredential.HEADER, CREDENTIAL).get("/internal/worker/blobs/" + sha)
                .then().statusCode(200).extract().asByteArray();

        assertArrayEquals(bytes, got);
    }

    @Test
    void aWrongOrMissingCredentialIsRefused() throws IOException {
        String sha = blobs.put(new ByteArrayInputStream(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))).sha256();

        given().header(WorkerCredential.HEADER, CREDENTIAL + "x").get("/internal/worker/blobs/" + sha).then().statusCode(403);
        given().get("/internal/worker/blobs/" + sha).then().statusCode(403);
    }

    @Test
    void aRunFileIsKeptUnderTheHashItsBytesHave() throws Exception {
        byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));

        given().header(WorkerCredential.HEADER, CREDENTIAL).contentType("application/octet-stream").body(bytes)
                .put("/internal/worker/blobs/" + sha).then().statusCode(204);

        assertTrue(blobs.exists(sha));
    }

    @Test
    void aRunFileWhoseBytesDoNotMatchItsHashIsRefused() {
        String claimed = "ab".repeat(32);

        given().header(WorkerCredential.HEADER, CREDENTIAL).contentType("application/octet-stream")
                .body("not those bytes".getBytes(StandardCharsets.UTF_8))
                .put("/internal/worker/blobs/" + claimed).then().statusCode(422);

        assertFalse(blobs.exists(claimed));
    }

    @Test
    void anUnknownFileIsNotFoundAndANameThatIsNoHashIsInvalid() {
        given().header(WorkerCredential.HEADER, CREDENTIAL).get("/internal/worker/blobs/" + "cd".repeat(32)).then().statusCode(404);
        given().header(WorkerCredential.HEADER, CREDENTIAL).get("/internal/worker/blobs/..%2Fetc").then().statusCode(400);
    }
}

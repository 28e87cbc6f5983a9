package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;

@QuarkusTest
class BlobJanitorTest {

    @Inject
    BlobStore blobs;

    @Inject
    BlobJanitor janitor;

    @Inject
    IntakeCourse course;

    @BeforeEach
    void course() {
        course.ensure();
    }

    @Test
    void unreferencedOldBlobsGoAndReferencedOnesStay() throws Exception {
        byte[] code = ("# kept " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8);
        TestLogins.as("dave").multiPart("code", "kept.py", code)
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/in-open/submissions").then().statusCode(201);
        Path kept = blobs.pathOf(blobs.put(new ByteArrayInputStream(code)).sha256());
        Path orphan = blobs.pathOf(blobs.put(new ByteArrayInputStream(("orphan " + System.nanoTime()).getBytes())).sha256());
        Path fresh = blobs.pathOf(blobs.put(new ByteArrayInputStream(("fresh " + System.nanoTime()).getBytes())).sha256());
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(3)));
        Files.setLastModifiedTime(kept, old);
        Files.setLastModifiedTime(orphan, old);

        janitor.sweep(Instant.now().minus(Duration.ofHours(1)));

        assertTrue(Files.exists(kept), "a blob a submission references is never removed");
        assertFalse(Files.exists(orphan), "an old unreferenced blob is removed");
        assertTrue(Files.exists(fresh), "a young unreferenced blob (an upload in flight) stays");
    }
}

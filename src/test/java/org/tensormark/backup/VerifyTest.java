package org.tensormark.backup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class VerifyTest {

    @Inject
    IntakeCourse course;

    @Test
    void verifyNamesTheHandInWhoseFileHasOneFlippedByteAndNoOther() throws Exception {
        course.ensure();
        byte[] code = ("# " + UUID.randomUUID() + "\nx = 1\n").getBytes(StandardCharsets.UTF_8);
        String damaged = handIn("alice", code);
        String sound = handIn("bob", ("# " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8));
        Path blob = blobOf(code);
        byte[] flipped = code.clone();
        flipped[3] ^= 1;
        Files.write(blob, flipped);
        try {
            Scrub.Report report = new Scrub(BackupRestoreTest.sourceSite()).run();
            List<String> named = report.problems().stream().map(Scrub.Problem::submissionId).toList();
            assertTrue(named.contains(damaged), "the damaged hand-in is named: " + named);
            assertFalse(named.contains(sound), "a sound hand-in is not named");
            Scrub.Problem problem = report.problems().get(named.indexOf(damaged));
            assertTrue(problem.sentence().contains("code file net.py (") && problem.sentence().contains("is corrupt"),
                    problem.sentence());
        } finally {
            Files.write(blob, code);
        }
        assertFalse(new Scrub(BackupRestoreTest.sourceSite()).run().problems().stream()
                .anyMatch(p -> p.submissionId().equals(damaged)), "mended, it is no longer named");
    }

    private static String handIn(String student, byte[] code) {
        return TestLogins.as(student).multiPart("code", "net.py", code)
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/in-open/submissions").then().statusCode(201).extract().path("submissionId");
    }

    private static Path blobOf(byte[] bytes) throws Exception {
        Path tmp = Files.createTempFile("code", ".py");
        Files.write(tmp, bytes);
        String sha = Sha256.of(tmp);
        Files.delete(tmp);
        return BackupRestoreTest.sourceSite().blobs().resolve(sha.substring(0, 2)).resolve(sha);
    }
}

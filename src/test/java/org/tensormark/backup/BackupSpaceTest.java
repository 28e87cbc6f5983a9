package org.tensormark.backup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class BackupSpaceTest {

    private static final long MIB = 1L << 20;

    @Inject
    IntakeCourse course;

    @TempDir
    Path temp;

    @Test
    void aBackupToADiskWithoutSpaceIsRefusedUpFrontNamingBothFiguresAndWritesNothing() {
        Path target = temp.resolve("backups/full-disk");
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Backup(BackupRestoreTest.sourceSite(), folder -> 64 * 1024).write(target));
        assertTrue(e.getMessage().contains("not enough space for a backup") && e.getMessage().contains("0.1 MiB free")
                && e.getMessage().contains("Nothing was written"), e.getMessage());
        assertFalse(Files.exists(target), "no folder that could be mistaken for a backup");
    }

    @Test
    void theSpaceCheckWantsTheExpectedBytesPlusHeadroom() {
        var expected = new BackupSpace.Expected(100 * MIB, 3, 20 * MIB);
        long needed = 120 * MIB + 6 * MIB + BackupSpace.SLACK_BYTES;
        assertThrows(IllegalArgumentException.class, () -> BackupSpace.require(temp.resolve("b"), expected, f -> needed - 1));
        assertDoesNotThrow(() -> BackupSpace.require(temp.resolve("b"), expected, f -> needed));
    }

    @Test
    void aBlobsOnlyBackupHoldsEveryReferencedFileAndNoTablesAndRestoresOnlyTheFiles() throws Exception {
        course.ensure();
        byte[] code = ("# " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        TestLogins.as("carol").multiPart("code", "net.py", code)
                .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                .post("/api/assignments/in-open/submissions").then().statusCode(201);
        Path dir = temp.resolve("blobs-only");
        Manifest m = new Backup(BackupRestoreTest.sourceSite()).write(dir, true);
        String sha = sha256(code);
        assertTrue(m.blobsOnly());
        assertEquals(0, m.tables().size(), "no tables: the external PostgreSQL's own tools keep those");
        assertTrue(m.blobs().stream().anyMatch(b -> b.sha256().equals(sha)), "the new hand-in's file is in it");
        assertEquals(m, new BackupFolder(dir).checked());

        var refused = assertThrows(IllegalArgumentException.class,
                () -> new Restore(BackupRestoreTest.sourceSite()).restore(dir, false));
        assertTrue(refused.getMessage().contains("restore --blobs-only"), refused.getMessage());
        DataSite elsewhere = new DataSite("jdbc:postgresql://nowhere.invalid/none", "u", "p", temp.resolve("unused"),
                temp.resolve("fresh/blobs"));
        new Restore(elsewhere).restore(dir, false, true);
        assertEquals(sha, Sha256.of(temp.resolve("fresh/blobs").resolve(sha.substring(0, 2)).resolve(sha)));
    }

    private Path write(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(temp, "code", ".py");
        Files.write(f, bytes);
        return f;
    }

    private String sha256(byte[] bytes) throws Exception {
        return Sha256.of(write(bytes));
    }
}

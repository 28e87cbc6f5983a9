package org.tensormark.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFolderTest {

    private static final byte[] ROWS = "1\tAda\n2\tBob\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BLOB = "x = 1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private String blobSha;

    @BeforeEach
    void aCompleteBackup() throws Exception {
        Files.createDirectories(dir.resolve("tables"));
        Files.write(dir.resolve("tables/app_user.copy"), ROWS);
        Path blobFile = Files.createTempFile(dir.getParent(), "blob", "");
        Files.write(blobFile, BLOB);
        blobSha = Sha256.of(blobFile);
        Files.delete(blobFile);
        Path blob = new BackupFolder(dir).blob(blobSha);
        Files.createDirectories(blob.getParent());
        Files.write(blob, BLOB);
        writeManifest(Manifest.FORMAT, true);
    }

    private void writeManifest(int format, boolean complete) throws Exception {
        Manifest m = new Manifest(format, "test", "403", "2026-12-03T09:00:00Z", "2026-12-03T09:00:01Z",
                List.of(new Manifest.Table("app_user", 2, "app_user.copy", Sha256.of(dir.resolve("tables/app_user.copy")))),
                Map.of(), List.of(new Manifest.Blob(blobSha, BLOB.length)), new Manifest.Reuse(1, BLOB.length, 0, 0));
        Files.deleteIfExists(dir.resolve(Manifest.COMPLETE));
        Backup.writeDurably(dir.resolve(Manifest.FILE), m.toJson());
        if (complete) {
            Backup.writeDurably(dir.resolve(Manifest.COMPLETE),
                    Sha256.of(dir.resolve(Manifest.FILE)).getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aCompleteUnchangedBackupPassesEveryCheck() throws Exception {
        assertEquals("403", new BackupFolder(dir).checked().schemaVersion());
    }

    @Test
    void aBackupWithoutItsCompleteMarkerIsRefusedAsInterrupted() throws Exception {
        writeManifest(Manifest.FORMAT, false);
        var e = assertThrows(BackupRefusedException.class, () -> new BackupFolder(dir).checked());
        assertTrue(e.getMessage().contains("not a complete backup"), e.getMessage());
        assertTrue(new BackupFolder(dir).completeManifest().isEmpty(), "never offered for reuse either");
    }

    @Test
    void aManifestEditedByHandIsRefused() throws Exception {
        String json = Files.readString(dir.resolve(Manifest.FILE)).replace("\"rows\" : 2", "\"rows\" : 3");
        Files.writeString(dir.resolve(Manifest.FILE), json);
        var e = assertThrows(BackupRefusedException.class, () -> new BackupFolder(dir).checked());
        assertTrue(e.getMessage().contains("was changed after the backup completed"), e.getMessage());
    }

    @Test
    void aTableFileChangedAfterTheBackupIsRefused() throws Exception {
        Files.writeString(dir.resolve("tables/app_user.copy"), "1\tAda\n2\tEve\n");
        var e = assertThrows(BackupRefusedException.class, () -> new BackupFolder(dir).checked());
        assertTrue(e.getMessage().contains("table app_user"), e.getMessage());
    }

    @Test
    void aBlobWithOneFlippedByteIsRefused() throws Exception {
        Path blob = new BackupFolder(dir).blob(blobSha);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[0] ^= 1;
        Files.write(blob, bytes);
        var e = assertThrows(BackupRefusedException.class, () -> new BackupFolder(dir).checked());
        assertTrue(e.getMessage().contains("blob " + blobSha), e.getMessage());
    }

    @Test
    void aBackupFolderFromANewerFormatIsRefusedWithTheVersionToUse() throws Exception {
        writeManifest(Manifest.FORMAT + 1, true);
        var e = assertThrows(BackupRefusedException.class, () -> new BackupFolder(dir).checked());
        assertTrue(e.getMessage().contains("written by a newer TensorMark"), e.getMessage());
    }

    @Test
    void tablesAreLoadedAfterTheTablesTheyReference() {
        assertEquals(List.of("app_user", "course", "enrolment"), Schema.topologicalOrder(Map.of(
                "enrolment", java.util.Set.of("course", "app_user"), "course", java.util.Set.of(),
                "app_user", java.util.Set.of())));
    }
}

package org.tensormark.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class InterruptedBackupTest {

    @Inject
    IntakeCourse course;

    @TempDir
    Path temp;

    @BeforeEach
    void handIns() {
        course.ensure();
        for (int i = 0; i < 5; i++) {
            TestLogins.as("dave").multiPart("code", "net.py", ("y = " + i + "\n").getBytes(StandardCharsets.UTF_8))
                            .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                    .post("/api/assignments/in-open/submissions").then().statusCode(201);
        }
    }

    @Test
    void aBackupKilledAtAnyPointNeverLooksCompleteAndTheNextOneCompletes() throws Exception {
        Random random = new Random();
        for (int attempt = 0; attempt < 4; attempt++) {
            Path dir = temp.resolve("killed-" + attempt);
            Process backup = start(dir);
            while (!Files.isDirectory(dir.resolve("tables")) && backup.isAlive()) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(attempt * 40 + 1));
            backup.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            BackupFolder folder = new BackupFolder(dir);
            if (Files.exists(folder.completeMarker())) {
                folder.checked();
            } else {
                var e = assertThrows(BackupRefusedException.class, folder::checked);
                assertTrue(e.getMessage().contains("not a complete backup"), e.getMessage());
            }
        }
        Process next = start(temp.resolve("next"));
        assertTrue(next.waitFor(2, TimeUnit.MINUTES));
        String out = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, next.exitValue(), out);
        assertTrue(out.contains("backup complete"), out);
        new BackupFolder(temp.resolve("next")).checked();
    }

    private static Process start(Path dir) throws Exception {
        DataSite site = BackupRestoreTest.sourceSite();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classpath, "-Dtensormark.db.url=" + site.url(), "-Dtensormark.db.user=" + site.user(),
                "-Dtensormark.db.password=" + site.password(), "-Dtensormark.storage.blobs=" + site.blobs().toAbsolutePath(),
                "org.tensormark.TensorMark", "backup", "--to", dir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}

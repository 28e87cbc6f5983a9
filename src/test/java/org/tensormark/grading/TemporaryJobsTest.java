package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jobs folder of a command that grades on its own ({@code check-assignment}, a benchmark):
 * gone once its jobs are, and never the reason a grading seems to have failed. Stopped mid-job,
 * check-assignment printed "check-assignment failed: DirectoryNotEmptyException" for this folder
 * while the exit hook was still deleting the job folder in it.
 */
class TemporaryJobsTest {

    @Test
    void closedEmptyItIsDeleted() throws IOException {
        Path path;
        try (StagedHandin.TemporaryJobs jobs = StagedHandin.temporaryJobsFolder("tensormark-test")) {
            path = jobs.path();
            assertEquals("rwx--x--x", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path)));
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aJobFolderStillInItIsLeftToTheExitAndHowTheGradingEndedIsWhatTheCallerSees() throws IOException {
        Path[] path = new Path[1];
        IOException thrown = assertThrows(IOException.class, () -> {
            try (StagedHandin.TemporaryJobs jobs = StagedHandin.temporaryJobsFolder("tensormark-test")) {
                path[0] = jobs.path();
                Files.writeString(Files.createDirectory(jobs.path().resolve("job-still-being-deleted")).resolve("f"), "x");
                throw new IOException("the sandbox run failed");
            }
        });
        try {
            assertEquals("the sandbox run failed", thrown.getMessage());
            assertEquals(0, thrown.getSuppressed().length, "the folder's deletion added nothing to the failure");
            assertTrue(Files.isDirectory(path[0]), "left for the deletion at exit");

            try (StagedHandin.TemporaryJobs jobs = new StagedHandin.TemporaryJobs(path[0])) {
                Files.delete(path[0].resolve("job-still-being-deleted/f"));
                Files.delete(path[0].resolve("job-still-being-deleted"));
            }
            assertFalse(Files.exists(path[0]), "deleted by the next close once empty");
        } finally {
            if (Files.exists(path[0])) {
                try (Stream<Path> left = Files.walk(path[0])) {
                    for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}

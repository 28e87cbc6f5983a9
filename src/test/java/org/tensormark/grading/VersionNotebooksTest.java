package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentSync;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.StoredNotebooks;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * An assignment version keeps the source notebooks it was synced with: a changed source notebook
 * makes a new version, and the old version's grading copy and release are still its own after the
 * folder changed.
 */
@QuarkusTest
class VersionNotebooksTest {

    @Inject
    AssignmentSync sync;

    @Inject
    AssignmentCatalog catalog;

    @Inject
    StoredNotebooks stored;

    @Inject
    NotebookKind kind;

    @Inject
    DemoAccounts demo;

    @Test
    void anOldVersionIsGradedAndReleasedFromItsOwnNotebooksAfterTheSourceFolderChanged() throws Exception {
        Path course = ProgressCourse.write("assert x + y == 3  # version one", 0);
        sync.sync(course);
        AssignmentView before = catalog.current(ProgressCourse.ASSIGNMENT).orElseThrow();
        byte[] first = ProgressCourse.notebook(0, "assert x + y == 3  # version one");

        Path source = course.resolve(ProgressCourse.ASSIGNMENT).resolve("source").resolve(ProgressCourse.PART + ".ipynb");
        Files.write(source, ProgressCourse.notebook(0, "assert x + y == 3  # version two"));
        sync.sync(course);
        AssignmentView after = catalog.current(ProgressCourse.ASSIGNMENT).orElseThrow();
        assertEquals(before.version() + 1, after.version(), "a changed source notebook is a new version");

        assertArrayEquals(first, stored.of(before.id(), before.version(), "notebooks").orElseThrow().get("Steps.ipynb"));
        Files.delete(source);
        assertTrue(gradingCopy(before).contains("version one"), "the old version grades with its own test cell");
        assertTrue(gradingCopy(after).contains("version two"));
    }

    @Test
    void theReleaseZipIsMadeFromTheCurrentVersionsStoredNotebooksWhenTheFolderIsGone() throws Exception {
        Path course = ProgressCourse.write("assert x + y == 3  # released", 0);
        sync.sync(course);
        demo.ensure();
        Path source = course.resolve(ProgressCourse.ASSIGNMENT).resolve("source").resolve(ProgressCourse.PART + ".ipynb");
        Files.delete(source);
        byte[] zip = TestLogins.as("tom").get("/api/assignments/" + ProgressCourse.ASSIGNMENT + "/release.zip")
                .then().statusCode(200).extract().asByteArray();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertEquals("Steps.ipynb", entry.getName());
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("# released"));
        }
    }

    private String gradingCopy(AssignmentView version) throws IOException {
        JobPlan plan = new JobPlan(null);
        kind.prepare(version.checks().get(0), plan, new GradingContext(version, Optional.empty(), List.of()));
        Path in = Files.createTempDirectory("plan");
        plan.writeTo(in, new ObjectMapper());
        return Files.readString(in.resolve("notebooks").resolve("Steps.ipynb"));
    }
}

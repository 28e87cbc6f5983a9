package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/** The release zip of the Part A port (assignments/sc4001-part-a), as a TA downloads it. */
@QuarkusTest
class ReleaseDownloadResourceTest {

    @Inject
    DemoAccounts demo;

    @BeforeEach
    void accounts() {
        demo.ensure();
    }

    @Test
    void theReleaseZipHoldsTheStudentNotebooksTheDataAndTheHelperModuleAndNoSolutionOrHiddenTest() throws IOException {
        byte[] zip = TestLogins.as("tom").get("/api/assignments/sc4001-part-a/release.zip").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"sc4001-part-a-release.zip\"")
                .extract().asByteArray();
        TreeMap<String, String> entries = entries(zip);
        assertEquals(Set.of("PartA_1.ipynb", "PartA_2.ipynb", "PartA_3.ipynb", "PartA_4.ipynb", "audio_gtzan.csv",
                "new_record.csv", "common_utils.py"), entries.keySet());
        for (String notebook : entries.keySet().stream().filter(n -> n.endsWith(".ipynb")).toList()) {
            String text = entries.get(notebook);
            assertFalse(text.contains("BEGIN HIDDEN TESTS") || text.contains("BEGIN SOLUTION"), notebook);
            assertTrue(text.contains("# YOUR CODE HERE"), notebook);
        }
        assertTrue(entries.get("PartA_1.ipynb").contains("\"checksum\""), "locked cells are checksummed");
    }

    @Test
    void anAssignmentWithoutNotebooksHasNoReleaseZip() {
        TestLogins.as("tom").get("/api/assignments/a1/release.zip").then().statusCode(404);
    }

    private static TreeMap<String, String> entries(byte[] zip) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}

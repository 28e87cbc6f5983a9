package org.tensormark.localgrading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tensormark grade} grades a folder of hand-ins through the real sandbox, as check-assignment does. */
class LocalGradeCommandTest {

    private static final Path DEMO = Path.of("assignments/demo-open");

    @TempDir
    Path handins;

    private void handIn(String folder, Path code) throws IOException {
        Path dir = Files.createDirectories(handins.resolve(folder));
        Files.copy(code, dir.resolve("handin.py"));
    }

    @Test
    void aDownloadedTreeOfHandinsIsGradedPerHandinAndPerCheckAsTheServerWould() throws IOException {
        handIn("ann/0b5e0000-0000-0000-0000-000000000001", DEMO.resolve("solution/handin.py"));
        Files.copy(DEMO.resolve("solution/report.pdf"),
                handins.resolve("ann/0b5e0000-0000-0000-0000-000000000001/my report.pdf"));
        handIn("ben/0b5e0000-0000-0000-0000-000000000002", DEMO.resolve("wrong/identity-relu/handin.py"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = LocalGradeCommand.run(new String[] {DEMO.toString(), handins.toString(), "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        JsonNode graded = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("demo-open", graded.get("assignment").asText());
        JsonNode ann = graded.get("handIns").get(0);
        assertEquals("ann/0b5e0000-0000-0000-0000-000000000001", ann.get("handIn").asText());
        assertEquals(8.0, ann.get("points").asDouble(), ann.toString());
        JsonNode ben = graded.get("handIns").get(1);
        List<String> lost = new ArrayList<>();
        ben.get("checks").forEach(c -> {
            if (!c.get("status").asText().equals("passed")) {
                lost.add(c.get("id").asText());
            }
        });
        assertEquals(List.of("relu"), lost, ben.toString());
        assertEquals(4.0, ben.get("points").asDouble(), "softmax only; no report was handed in: " + ben);
    }

    @Test
    void aFolderWithoutHandinsIsAWrongCommandLine() throws IOException {
        Files.createDirectories(handins.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalGradeCommand.run(
                new String[] {DEMO.toString(), handins.toString()}));
        assertTrue(e.getMessage().endsWith("holds no hand-in (no folder with files in it)"), e.getMessage());
    }
}

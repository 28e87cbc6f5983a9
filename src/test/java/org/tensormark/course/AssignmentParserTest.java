package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentParserTest {

    static final String VALID = """
            id: a1
            course: nndl
            title: Neurons to backprop
            release: 2026-03-01T09:00
            due: 2026-03-15T23:59
            late:
              penalty_per_unit: 10
              unit: day
              max_units: 2
              tokens_allowed: true
            files:
              - role: code
                types: [zip, py, .IPYNB]
                max_size: 20MB
              - role: report
                types: [pdf]
                max_size: 512KB
                required: false
            handins_per_day: 5
            counts: best
            checks:
              - id: forward
                kind: manual
                points: 10
                visibility: after_due
                rubric: [correct, clear]
            """;

    @TempDir
    Path dir;

    @Test
    void aValidFolderParsesEveryField() throws IOException {
        AssignmentDeclaration a = AssignmentParser.parse(write("a1", VALID));
        assertEquals("nndl", a.courseId());
        assertEquals(1, a.maxGroupSize());
        assertEquals(new LateRule(10, LateUnit.DAY, 2, 0, 20, true), a.lateRule());
        assertEquals(new FileSlot("code", List.of("zip", "py", "ipynb"), 20L << 20, true), a.files().get(0));
        assertEquals(512L << 10, a.files().get(1).maxBytes());
        assertFalse(a.files().get(1).required());
        assertEquals(5, a.handinsPerDay());
        assertEquals(Counting.BEST, a.counts());
        CheckSpec check = a.checks().get(0);
        assertEquals(Visibility.AFTER_DUE, check.visibility());
        assertEquals(List.of("correct", "clear"), check.params().get("rubric"));
        assertEquals(Instant.parse("2026-03-15T15:59:00Z"), a.schedule(ZoneId.of("Asia/Singapore"), Instant.EPOCH).dueAt());
    }

    @Test
    void anAssignmentWithoutLimitsLeavesEveryLimitToTheWorker() throws IOException {
        assertEquals(AssignmentLimits.NONE, AssignmentParser.parse(write("a1", VALID)).limits());
    }

    @Test
    void aLimitsSectionGivesWallCpusMemoryPidsAndOutput() throws IOException {
        AssignmentDeclaration a = AssignmentParser.parse(write("a1", VALID
                + "limits:\n  wall: 1.5m\n  cpus: 1.5\n  memory: 1GB\n  pids: 128\n  output: 16MB\n"));
        assertEquals(new AssignmentLimits(90L, 1.5, 1L << 30, 128, 16L << 20), a.limits());
        assertEquals(java.time.Duration.ofSeconds(90), a.limits().wall().orElseThrow());
        assertEquals(45L, AssignmentParser.parse(write("a1", VALID + "limits: {wall: 45}\n")).limits().wallSeconds());
        assertEquals(3600L, AssignmentParser.parse(write("a1", VALID + "limits: {wall: 1h}\n")).limits().wallSeconds());
    }

    @Test
    void anAssignmentRunsInTheCourseImageUnlessItNamesAnother() throws IOException {
        assertEquals("course-cpu", AssignmentParser.parse(write("a1", VALID)).image());
        assertEquals("course-cuda", AssignmentParser.parse(write("a1", VALID + "image: course-cuda\n")).image());
        assertError(VALID + "image: ../host\n", "image: image name must be lower-case letters");
    }

    @Test
    void aCheckRunsOnTheCpuUnlessItAsksForCuda() throws IOException {
        assertEquals(CheckDevice.CPU, AssignmentParser.parse(write("a1", VALID)).checks().get(0).device());
        CheckSpec cuda = AssignmentParser.parse(write("a1", VALID + "    device: cuda\n")).checks().get(0);
        assertEquals(CheckDevice.CUDA, cuda.device());
        assertTrue(CheckDevice.anyCuda(List.of(cuda)));
        assertError(VALID + "    device: gpu\n", "checks[0].device: 'gpu' is not one of cpu, cuda");
    }

    @Test
    void aBadLimitNamesItsKeyAndValue() throws IOException {
        assertError(VALID + "limits:\n  wall: forever\n",
                "line 28: limits.wall: 'forever' is not a duration (expected e.g. 90s, 2m, 1h or a number of seconds)");
        assertError(VALID + "limits:\n  wall: 3h\n", "limits.wall: '3h' must be between 1s and 2h");
        assertError(VALID + "limits:\n  cpus: 0\n", "limits.cpus: '0' is not a number of CPU cores between 0.1 and 64");
        assertError(VALID + "limits:\n  cpus: many\n", "limits.cpus: 'many' is not a number of CPU cores");
        assertError(VALID + "limits:\n  memory: 1KB\n", "limits.memory: '1KB' must be between 64MB and 64GB");
        assertError(VALID + "limits:\n  memory: lots\n", "limits.memory: 'lots' is not a size");
        assertError(VALID + "limits:\n  pids: 8\n", "limits.pids: '8' is not a whole number of at least 16");
        assertError(VALID + "limits:\n  pids: 100000\n", "limits.pids: '100000' is more than 4096");
        assertError(VALID + "limits:\n  output: 2GB\n", "limits.output: '2GB' must be between 1MB and 1GB");
        assertError(VALID + "limits:\n  cpu: 2\n", "limits.cpu: unknown field (expected one of: cpus, memory, output, pids, wall)");
        assertError(VALID + "limits: 2\n", "limits: expected a mapping of fields");
    }

    @Test
    void aBadDateNamesTheFileTheLineAndTheField() throws IOException {
        Path folder = write("a1", VALID.replace("due: 2026-03-15T23:59", "due: 2026-13-01T23:59"));
        AssignmentFormatException e = assertThrows(AssignmentFormatException.class, () -> AssignmentParser.parse(folder));
        assertEquals(folder.resolve("assignment.yaml") + " line 5: due: '2026-13-01T23:59' is not a date-time"
                + " (expected ISO-8601 like 2026-03-15T23:59 in the course time zone)", e.getMessage());
    }

    @Test
    void nestedFieldErrorsGiveTheirDottedPathAndLine() throws IOException {
        assertError(VALID.replace("unit: day", "unit: week"), "line 8: late.unit: 'week' is not one of day, hour");
        assertError(VALID.replace("max_size: 512KB", "max_size: lots"), "line 17: files[1].max_size: 'lots' is not a size");
        assertError(VALID.replace("points: 10", "points: ten"), "line 24: checks[0].points: 'ten' is not a number");
        assertError(VALID.replace("role: report", "role: code"), "line 15: files[1].role: 'code' is declared twice");
    }

    @Test
    void unknownCheckKindsAndMisspeltFieldsAreRefused() throws IOException {
        assertError(VALID.replace("kind: manual", "kind: tensr"),
                "line 23: checks[0].kind: 'tensr' is not a known check kind (known: manual, module, notebook, report, smoke, tensor, train, video)");
        assertError(VALID.replace("handins_per_day", "handins_per_dya"), "line 19: handins_per_dya: unknown field");
        assertError(VALID.replace("title: Neurons to backprop\n", ""), ": title: is required");
    }

    @Test
    void theIdMustMatchItsFolderAndBrokenYamlGivesItsLine() throws IOException {
        Path folder = write("a2", VALID);
        assertTrue(assertThrows(AssignmentFormatException.class, () -> AssignmentParser.parse(folder))
                .getMessage().contains("line 1: id: 'a1' differs from its folder name 'a2'"));
        assertError(VALID + "  - [unclosed\n", "not valid YAML");
    }

    @Test
    void groupWorkNeedsAMaximumSizeOfAtLeastTwo() throws IOException {
        assertEquals(3, AssignmentParser.parse(write("a1", VALID + "group: {max_size: 3}\n")).maxGroupSize());
        assertError(VALID + "group: {max_size: 1}\n", "group.max_size: '1' is not a whole number of at least 2");
    }

    @Test
    void relativeTimesCountFromTheSyncTime() throws IOException {
        AssignmentDeclaration a = AssignmentParser.parse(write("a1",
                VALID.replace("2026-03-01T09:00", "-5d").replace("2026-03-15T23:59", "+36h")));
        Instant sync = Instant.parse("2026-06-01T10:00:30Z");
        AssignmentDeclaration.Schedule s = a.schedule(ZoneId.of("UTC"), sync);
        assertEquals(Instant.parse("2026-05-27T10:00:00Z"), s.releaseAt());
        assertEquals(Instant.parse("2026-06-02T22:00:00Z"), s.dueAt());
    }

    @Test
    void theHashIgnoresLayoutAndCommentsButNotMeaningOrTheHandout() throws IOException {
        String base = AssignmentParser.parse(write("a1", VALID)).declarationSha256();
        String reordered = "# a comment\ncourse: nndl\n" + VALID.replace("course: nndl\n", "");
        assertEquals(base, AssignmentParser.parse(write("a1", reordered)).declarationSha256());
        assertNotEquals(base, AssignmentParser.parse(write("a1", VALID.replace("points: 10", "points: 11")))
                .declarationSha256());
        Files.writeString(dir.resolve("a1/handout.md"), "# Handout\n");
        assertNotEquals(base, AssignmentParser.parse(dir.resolve("a1")).declarationSha256());
    }

    @Test
    void aCourseFileDefaultsToSingaporeAndRejectsUnknownZones() throws IOException {
        Path file = dir.resolve("course.yaml");
        Files.writeString(file, "id: nndl\ntitle: NNDL\n");
        assertEquals(ZoneId.of("Asia/Singapore"), CourseDeclaration.parse(file).zone());
        Files.writeString(file, "id: nndl\ntitle: NNDL\ntime_zone: Mars/Olympus\n");
        assertEquals(file + " line 3: time_zone: 'Mars/Olympus' is not a time zone (expected a region like Asia/Singapore)",
                assertThrows(AssignmentFormatException.class, () -> CourseDeclaration.parse(file)).getMessage());
    }

    private void assertError(String yaml, String expected) throws IOException {
        Path folder = write("a1", yaml);
        String message = assertThrows(AssignmentFormatException.class, () -> AssignmentParser.parse(folder)).getMessage();
        assertTrue(message.startsWith(folder.resolve("assignment.yaml").toString()), message);
        assertTrue(message.contains(expected), message);
    }

    private Path write(String id, String yaml) throws IOException {
        Path folder = dir.resolve(id);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("assignment.yaml"), yaml);
        return folder;
    }
}

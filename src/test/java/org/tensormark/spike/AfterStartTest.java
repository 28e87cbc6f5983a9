package org.tensormark.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each measuring process of the spike benchmark leaves for the last one: its hand-ins' overheads
 * in order, read back whole, and the comparison of the first after a start with the tenth over all
 * starts, decided by the signed-rank test of each start's first minus its tenth; and the
 * {@code --starts} option.
 */
class AfterStartTest {

    @Test
    void everyStartsLineIsReadBackInOrderAndTheLastComparesTheMedians(@TempDir Path data) throws IOException {
        Path file = AfterStart.file(data);
        new AfterStart(1, List.of(120L, 90L, 80L)).appendTo(file);
        new AfterStart(2, List.of(100L, 85L, 95L)).appendTo(file);
        new AfterStart(3, List.of(90L, 70L, 75L)).appendTo(file);

        List<AfterStart> all = AfterStart.readAll(file);

        assertEquals(List.of(1, 2, 3), all.stream().map(AfterStart::start).toList());
        assertEquals(List.of(100L, 85L, 95L), all.get(1).overheadsMs());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new SpikeReport(new PrintStream(printed, true, StandardCharsets.UTF_8)).afterStarts(all);
        String line = printed.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("first hand-in after a start: median 100 ms [120, 100, 90]"), line);
        assertTrue(line.contains("of the tenth: median 80 ms [80, 95, 75]"), line);
        assertTrue(line.contains("the second to the tenth of every start: median 80 ms, range 70-95 ms"), line);
        assertTrue(line.contains("each start's first minus its tenth: [40, 5, 15] ms (median 15 ms)"), line);
        assertTrue(line.contains("not met: fewer than 5 starts that differ cannot show it either way"), line);
    }

    @Test
    void aFirstSlowerAfterEveryStartIsShownSlower() {
        String line = compared(List.of(List.of(44L, 40L, 38L), List.of(41L, 35L, 36L), List.of(52L, 39L, 40L),
                List.of(39L, 41L, 37L), List.of(47L, 36L, 42L), List.of(40L, 38L, 39L)));

        assertTrue(line.contains("first minus its tenth: [6, 5, 12, 2, 5, 1] ms"), line);
        assertTrue(line.contains("the first slower in 6, faster in 0, as fast in 0"), line);
        assertTrue(line.contains("p = 0.016"), line);
        assertTrue(line.contains("not met: the first is shown slower"), line);
    }

    @Test
    void aFirstAsOftenFasterAsSlowerIsNotShownSlower() {
        String line = compared(List.of(List.of(48L, 40L, 36L), List.of(40L, 39L, 37L), List.of(38L, 40L, 65L),
                List.of(36L, 38L, 33L), List.of(35L, 36L, 35L), List.of(54L, 39L, 37L), List.of(38L, 30L, 41L)));

        assertTrue(line.contains("first minus its tenth: [12, 3, -27, 3, 0, 17, -3] ms (median 3 ms)"), line);
        assertTrue(line.contains("the first slower in 4, faster in 2, as fast in 1"), line);
        assertTrue(line.contains("met: the first is not shown slower"), line);
    }

    /** What the last process prints for starts with these overheads, each start's in claim order. */
    private static String compared(List<List<Long>> overheads) {
        List<AfterStart> starts = new java.util.ArrayList<>();
        for (int i = 0; i < overheads.size(); i++) {
            starts.add(new AfterStart(i + 1, overheads.get(i)));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new SpikeReport(new PrintStream(printed, true, StandardCharsets.UTF_8)).afterStarts(starts);
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineWithoutTwoHandinsIsRefused(@TempDir Path data) throws IOException {
        Path file = Files.writeString(AfterStart.file(data), "1 120\n");

        IOException e = assertThrows(IOException.class, () -> AfterStart.readAll(file));
        assertTrue(e.getMessage().contains("two hand-ins"), e.getMessage());
    }

    @Test
    void startsDefaultToThreeAndAreBounded() {
        assertEquals(SpikeOptions.DEFAULT_STARTS, SpikeOptions.parse(new String[] {"12"}).starts());
        assertEquals(5, SpikeOptions.parse(new String[] {"12", "--starts", "5"}).starts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeOptions.parse(new String[] {"--starts", "0"}));
        assertTrue(e.getMessage().contains("--starts must be 1 to 20"), e.getMessage());
    }
}

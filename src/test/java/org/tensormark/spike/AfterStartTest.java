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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each measuring process of the spike benchmark leaves for the last one: its hand-ins' overheads
 * in order, read back whole, and the comparison of the first after a start with the tenth over all
 * starts by their overheads and from their receipts, decided by the signed-rank tests of each
 * start's first minus its tenth; and the {@code --starts} option.
 */
class AfterStartTest {

    @Test
    void everyStartsLineIsReadBackInOrderAndTheLastComparesBothFigures(@TempDir Path data) throws IOException {
        Path file = AfterStart.file(data);
        new AfterStart(1, List.of(120L, 90L, 80L), List.of(30L, 12L, 14L)).appendTo(file);
        new AfterStart(2, List.of(100L, 85L, 95L), List.of(28L, 15L, 11L)).appendTo(file);
        new AfterStart(3, List.of(90L, 70L, 75L), List.of(25L, 13L, 19L)).appendTo(file);

        List<AfterStart> all = AfterStart.readAll(file);

        assertEquals(List.of(1, 2, 3), all.stream().map(AfterStart::start).toList());
        assertEquals(List.of(100L, 85L, 95L), all.get(1).overheadsMs());
        assertEquals(List.of(28L, 15L, 11L), all.get(1).queueWaitsMs());
        assertEquals(List.of(128L, 100L, 106L), all.get(1).fromReceiptMs());
        String printed = compared(all);
        assertTrue(printed.contains("platform overhead, over 3 starts: the first hand-in after a start median 100 ms"
                + " [120, 100, 90]; the tenth median 80 ms [80, 95, 75]; the second to the tenth of every start median"
                + " 80 ms, range 70-95 ms; each start's first minus its tenth [40, 5, 15] ms (median 15 ms)"), printed);
        assertTrue(printed.contains("receipt to score less the sandbox's wall time, over 3 starts: the first hand-in"
                + " after a start median 128 ms [150, 128, 115]; the tenth median 94 ms [94, 106, 94]"), printed);
        assertTrue(printed.contains("not met: fewer than 5 starts that differ cannot show it either way"), printed);
    }

    @Test
    void aFirstSlowerAfterEveryStartIsShownSlower() {
        String printed = compared(starts(List.of(List.of(44L, 40L, 38L), List.of(41L, 35L, 36L), List.of(52L, 39L, 40L),
                List.of(39L, 41L, 37L), List.of(47L, 36L, 42L), List.of(40L, 38L, 39L)), 15L));

        assertTrue(printed.contains("first minus its tenth [6, 5, 12, 2, 5, 1] ms"), printed);
        assertTrue(printed.contains("the first slower in 6, faster in 0, as fast in 0, p = 0.016"), printed);
        assertTrue(printed.contains("not met: the first is shown slower by its overhead and from its receipt"), printed);
    }

    @Test
    void aFirstAsOftenFasterAsSlowerIsNotShownSlowerUnlessItsQueueWaitIs() {
        List<List<Long>> overheads = List.of(List.of(48L, 40L, 36L), List.of(40L, 39L, 37L), List.of(38L, 40L, 65L),
                List.of(36L, 38L, 33L), List.of(35L, 36L, 35L), List.of(54L, 39L, 37L), List.of(38L, 30L, 41L));

        String evenWaits = compared(starts(overheads, 15L));
        assertTrue(evenWaits.contains("first minus its tenth [12, 3, -27, 3, 0, 17, -3] ms (median 3 ms): the first"
                + " slower in 4, faster in 2, as fast in 1"), evenWaits);
        assertTrue(evenWaits.contains("met: the first is not shown slower by either"), evenWaits);

        List<AfterStart> longerFirstWaits = new ArrayList<>();
        for (int i = 0; i < overheads.size(); i++) { // the intake's writes 30 ms for the first, 12 after
            longerFirstWaits.add(new AfterStart(i + 1, overheads.get(i), List.of(30L, 12L, 12L)));
        }
        String printed = compared(longerFirstWaits);
        assertTrue(printed.contains("not met: the first is shown slower from its receipt"), printed);
    }

    @Test
    void aLineWithoutTwoHandinsIsRefused(@TempDir Path data) throws IOException {
        Path file = Files.writeString(AfterStart.file(data), "1 120/30\n");

        IOException e = assertThrows(IOException.class, () -> AfterStart.readAll(file));
        assertTrue(e.getMessage().contains("two hand-ins"), e.getMessage());
    }

    @Test
    void aHandinWithoutItsQueueWaitIsRefused(@TempDir Path data) throws IOException {
        Path file = Files.writeString(AfterStart.file(data), "1 120/30 90\n");

        IOException e = assertThrows(IOException.class, () -> AfterStart.readAll(file));
        assertTrue(e.getMessage().contains("overhead/queue wait, not '90'"), e.getMessage());
    }

    /** Starts with these overheads, each start's in claim order, every hand-in with the same queue wait. */
    private static List<AfterStart> starts(List<List<Long>> overheads, long queueWait) {
        List<AfterStart> starts = new ArrayList<>();
        for (int i = 0; i < overheads.size(); i++) {
            starts.add(new AfterStart(i + 1, overheads.get(i), Collections.nCopies(overheads.get(i).size(), queueWait)));
        }
        return starts;
    }

    /** What the last process prints for these starts. */
    private static String compared(List<AfterStart> starts) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new SpikeReport(new PrintStream(printed, true, StandardCharsets.UTF_8)).afterStarts(starts);
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startsDefaultToSixAndAreBounded() {
        assertEquals(SpikeOptions.DEFAULT_STARTS, SpikeOptions.parse(new String[] {"12"}).starts());
        assertEquals(5, SpikeOptions.parse(new String[] {"12", "--starts", "5"}).starts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeOptions.parse(new String[] {"--starts", "0"}));
        assertTrue(e.getMessage().contains("--starts must be 1 to 20"), e.getMessage());
    }
}

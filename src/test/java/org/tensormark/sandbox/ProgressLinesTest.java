package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's stderr is scanned for progress lines as it streams; other output and overlong lines are left alone. */
class ProgressLinesTest {

    private final List<String> heard = new ArrayList<>();
    private final ProgressLines lines = new ProgressLines(heard::add);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lines.feed(bytes, bytes.length);
    }

    @Test
    void progressLinesAreHeardEvenWhenSplitAcrossReadsAndOtherOutputIsNot() {
        feed("Traceback: nothing\ntensormark-progress {\"part\":");
        feed("\"A\"}\nprint tensormark-progress {}\n");
        assertEquals(List.of("{\"part\":\"A\"}"), heard);
    }

    @Test
    void aLineLongerThanTheCapIsDroppedWholeAndTheNextLineIsStillHeard() {
        feed("tensormark-progress " + "x".repeat(ProgressLines.MAX_LINE * 3) + "\ntensormark-progress {}\n");
        assertEquals(List.of("{}"), heard);
    }

    @Test
    void aListenerThatFailsDoesNotStopTheScan() {
        List<String> after = new ArrayList<>();
        ProgressLines failing = new ProgressLines(line -> {
            after.add(line);
            throw new IllegalStateException("database down");
        });
        byte[] bytes = "tensormark-progress 1\ntensormark-progress 2\n".getBytes(StandardCharsets.UTF_8);
        failing.feed(bytes, bytes.length);
        assertEquals(List.of("1", "2"), after);
    }
}

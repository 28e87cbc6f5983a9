package org.tensormark.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM's CPU by kind of thread between two readings, when threads end and begin between them. */
class CpuAccountTest {

    @Test
    void aThreadThatEndedCountsAsOtherThreadsAndNoKindGoesBelowZero() {
        CpuAccount.Reading before = new CpuAccount.Reading(Map.of("jvm", 10.0),
                Map.of("7 compiler", 3.0, "8 compiler", 1.0, "9 worker slots", 2.0, "10 other threads", 4.0));
        // compiler thread 8 ended (the JVM ends idle compiler threads); worker thread 11 began
        CpuAccount.Reading after = new CpuAccount.Reading(Map.of("jvm", 14.0),
                Map.of("7 compiler", 3.5, "9 worker slots", 3.0, "11 worker slots", 0.5, "10 other threads", 5.0));

        Map<String, Double> used = after.since(before);

        assertEquals(4.0, used.get("jvm"), 1e-9);
        assertEquals(0.5, used.get("jvm compiler"), 1e-9, "thread 7's half second; thread 8's time is gone with it");
        assertEquals(1.5, used.get("jvm worker slots"), 1e-9);
        assertEquals(2.0, used.get("jvm other threads"), 1e-9, "the JVM's 4 s less the kinds' 2 s");
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxLimitsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SandboxLimits d = SandboxLimits.defaults();
        assertEquals(Duration.ofSeconds(60), d.wall());
        assertEquals(Duration.ofSeconds(60), d.cpu());
        assertEquals(2L << 30, d.memoryBytes());
        assertEquals(64, d.pids());
        assertEquals(1L << 20, d.streamBytes());
        assertEquals(64L << 20, d.outBytes());
    }

    @Test
    void aNonPositiveLimitIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SandboxLimits.defaults().withMemoryBytes(0));
        assertEquals("sandbox limit memoryBytes must be positive, was 0", e.getMessage());
    }

    @Test
    void aFloodIsAtLeastSixtyFourMebibytesPastTheCap() {
        assertEquals(64L << 20, SandboxLimits.defaults().floodBytes());
    }
}

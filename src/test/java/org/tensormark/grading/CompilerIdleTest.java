package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wait for an idle just-in-time compiler: it ends, at the latest at its limit. */
class CompilerIdleTest {

    @Test
    void itEndsOnceTheCompilerIsIdleAndNeverWaitsPastItsLimit() throws Exception {
        Duration waited = CompilerIdle.await(Duration.ofSeconds(5));
        assertTrue(waited.compareTo(Duration.ofMillis(100)) >= 0, "two quiet polls of 50 ms: " + waited);
        assertTrue(waited.compareTo(Duration.ofSeconds(5).plusMillis(100)) < 0, "waited " + waited);

        Duration capped = CompilerIdle.await(Duration.ofMillis(60));
        assertTrue(capped.compareTo(Duration.ofMillis(200)) < 0, "the limit is kept: " + capped);
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** A JDK or Quarkus upgrade that renames one of them makes the warm-up load nothing for it: this fails instead. */
    @Test
    void everyClassTheWarmUpLoadsEarlyExistsInThisRuntime() {
        for (String name : WarmUp.LATE_SUBCLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, WarmUp.class.getClassLoader()), name);
        }
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** A JDK or Quarkus upgrade that renames one of them makes the warm-up load nothing for it: this fails instead. */
    @Test
    void everyClassTheWarmUpLoadsEarlyExistsInThisRuntime() {
        for (String name : WarmUp.LATE_SUBCLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, WarmUp.class.getClassLoader()), name);
        }
    }

    /**
     * In a fresh JVM, the warm-up's first step loads the read-only heap buffer and ArC's context for
     * a chain of interceptors: loaded later, by the JDK's HTTP client or the first upload, they had
     * the JVM discard the code the warm-up had compiled (README "Measuring").
     */
    @Test
    void theWarmUpsFirstStepLoadsTheClassesWhoseLateLoadingDiscardedCompiledCode() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                LateSubclassesMain.class.getName()).redirectErrorStream(true).start();
        String log = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
        assertEquals(0, java.exitValue(), log);
        List<String> loaded = log.lines().filter(l -> l.contains(" source: ")).map(l -> l.split(" ")[1]).toList();
        for (String name : WarmUp.LATE_SUBCLASSES) {
            assertTrue(loaded.contains(name), name + " was not loaded; loaded: " + loaded.size() + " classes");
        }
    }
}

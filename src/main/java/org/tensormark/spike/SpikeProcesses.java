package org.tensormark.spike;

import java.nio.file.Path;
import java.util.Map;
import org.tensormark.benchmark.ThisProgram;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The spike benchmark's two processes on one throw-away platform ({@link SpikeOptions}): the one
 * that prepares it, then the one that measures, each a new JVM; the platform's folder (database,
 * blobs, jobs: about half a gigabyte) is deleted when both have ended, whatever they returned.
 */
public final class SpikeProcesses {

    private SpikeProcesses() {
    }

    /** Runs both processes; returns the exit code of the first that failed, else the measuring one's. */
    public static int run(SpikeOptions options) throws Exception {
        Map<String, String> settings = options.settings();
        Path platform = Path.of(settings.get("tensormark.data-dir"));
        try {
            int setUp = ThisProgram.run(settings, "spike-benchmark", SpikeOptions.SET_UP);
            if (setUp != 0) {
                System.err.println("tensormark spike-benchmark: preparing the platform failed (exit code " + setUp + ")");
                return setUp;
            }
            return ThisProgram.run(settings, "spike-benchmark", SpikeOptions.MEASURE);
        } finally {
            ThrowAwayPlatform.discard(platform);
        }
    }
}

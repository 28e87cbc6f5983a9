package org.tensormark.spike;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.benchmark.ThisProgram;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The spike benchmark's processes on one throw-away platform ({@link SpikeOptions}): the one that
 * prepares it, then the measuring ones, one after the other, each a new JVM; the platform's folder
 * (database, blobs, jobs: about half a gigabyte) is deleted when all have ended, whatever they
 * returned.
 */
public final class SpikeProcesses {

    private SpikeProcesses() {
    }

    /** Runs the processes; returns the exit code of the first that failed, else the last one's. */
    public static int run(SpikeOptions options) throws Exception {
        Map<String, String> settings = options.settings();
        Path platform = Path.of(settings.get("tensormark.data-dir"));
        try {
            int setUp = ThisProgram.run(settings, "spike-benchmark", SpikeOptions.SET_UP);
            if (setUp != 0) {
                System.err.println("tensormark spike-benchmark: preparing the platform failed (exit code " + setUp + ")");
                return setUp;
            }
            for (int start = 1; start <= options.starts(); start++) {
                Map<String, String> measuring = new LinkedHashMap<>(settings);
                measuring.put(SpikeOptions.START_KEY, Integer.toString(start));
                int measured = ThisProgram.run(measuring, "spike-benchmark", SpikeOptions.MEASURE);
                if (measured != 0) {
                    System.err.println("tensormark spike-benchmark: measuring process " + start + " of "
                            + options.starts() + " failed (exit code " + measured + ")");
                    return measured;
                }
            }
            return 0;
        } finally {
            ThrowAwayPlatform.discard(platform);
        }
    }
}

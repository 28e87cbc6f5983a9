package org.tensormark.spike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.benchmark.ThisProgram;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The spike benchmark's processes on one throw-away platform ({@link SpikeOptions}): the one that
 * prepares it, then the measuring ones, one after the other, each a new JVM; the platform's folder
 * (database, blobs, jobs: about half a gigabyte) is deleted when all have ended, whatever they
 * returned. Before each measuring process the host's pending writes are flushed to disk: the first
 * start otherwise met 0.4-0.7 GB of writes (the set-up's above all) still in memory, and its first
 * hand-ins waited 0.2-0.3 s for the disk (README "Measuring"), where a platform that restarts between
 * deadlines has long had its data on disk.
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
                flushPendingWrites(start);
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

    /** {@code sync}: what the host's file systems hold in memory reaches the disk before start {@code start}. */
    static void flushPendingWrites(int start) throws IOException, InterruptedException {
        String pending = pendingWrites();
        long began = System.nanoTime();
        int exit = new ProcessBuilder("sync").inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("sync, which flushes the host's pending writes before a start, exited with " + exit);
        }
        System.out.printf("before start %d: the host's pending writes (%s) flushed to disk in %d ms%n", start, pending,
                (System.nanoTime() - began) / 1_000_000);
    }

    /** How much the host holds to write ({@code Dirty} in /proc/meminfo), or "size unknown" off Linux. */
    static String pendingWrites() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.isReadable(meminfo)) {
            return "size unknown";
        }
        return Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("Dirty:"))
                .map(line -> line.substring("Dirty:".length()).strip()).findFirst().orElse("size unknown");
    }
}

package org.tensormark.spike;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The host's CPU counters (/proc/stat), to say how busy the whole machine was during the spike. */
final class HostCpu {

    private HostCpu() {
    }

    /** The "cpu" line's jiffies: user, nice, system, idle, iowait, irq, softirq, steal. */
    static long[] ticks() throws IOException {
        String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
        return Arrays.stream(line.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
    }

    /** The share of CPU time between two readings that was not idle or waiting for I/O, by any process. */
    static double busyShare(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < before.length; i++) {
            long d = after[i] - before[i];
            total += d;
            if (i == 3 || i == 4) {
                idle += d;
            }
        }
        return total == 0 ? 0 : (total - idle) / (double) total;
    }
}

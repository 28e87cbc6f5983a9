package org.tensormark.spike;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Before each measuring start the benchmark flushes what the host still has to write: the set-up's
 * database and blobs (0.4-0.7 GB) once made the first start's first hand-ins wait 0.2-0.3 s for the
 * disk. Written under target/, on the repository's disk (a tmpfs /tmp holds no writes to flush).
 */
class FlushPendingWritesTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void writesLeftInMemoryReachTheDiskBeforeAStart() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "flush-pending-writes-test"));
        Path file = dir.resolve("unflushed.bin");
        try {
            byte[] block = new byte[MIB];
            new Random(1).nextBytes(block);
            try (var out = Files.newOutputStream(file)) {
                for (int i = 0; i < 64; i++) {
                    out.write(block);
                }
            }
            long before = dirtyKiB();
            assertTrue(before >= 48 * 1024, "64 MiB just written should wait in memory, Dirty: " + before + " kB");

            SpikeProcesses.flushPendingWrites(1);

            long after = dirtyKiB();
            assertTrue(after < 32 * 1024, "after the flush Dirty is " + after + " kB (before: " + before + " kB)");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long dirtyKiB() throws IOException {
        return Long.parseLong(SpikeProcesses.pendingWrites().replace("kB", "").strip());
    }
}

package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's tmpfs mounts leave nothing mounted, however their making ended. */
class ScratchMountsTest {

    @TempDir
    Path dir;

    @Test
    void mountsMadeWhileTheWorkerIsStoppingAreUnmountedAllTheSame() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        ScratchMounts mounts = new ScratchMounts();
        Thread.currentThread().interrupt(); // the worker stops while the job's mounts are being made
        try {
            mounts.mount(out, dir.resolve("scratch"), JobBench.LIMITS);
        } catch (InterruptedException expected) {
            // the wait for a mount command was cut short; the mount itself may have happened
        } finally {
            Thread.interrupted();
        }

        mounts.close();

        assertEquals(List.of(), mountsUnder(dir), "mounts left on the job folder");
    }

    private static List<String> mountsUnder(Path root) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(root.toString())).toList();
    }
}

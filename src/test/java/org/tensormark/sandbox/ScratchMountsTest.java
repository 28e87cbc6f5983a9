package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's tmpfs mounts: their caps, a sticky /tmp, what a full one says; nothing left mounted, however they ended. */
class ScratchMountsTest {

    @TempDir
    Path dir;

    @Test
    void outAndScratchAreTmpfsWithTheirCapsAndTheJobsTmpIsStickyAndWorldWritable() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        try (ScratchMounts mounts = new ScratchMounts()) {
            Path scratch = mounts.mount(out, dir.resolve("scratch"), JobBench.LIMITS);

            assertEquals(List.of("tmpfs " + out + " size=9216k,nr_inodes=1024",
                    "tmpfs " + scratch + " size=16384k,nr_inodes=1024"), mountsUnder(dir).stream()
                    .map(l -> l.split(" ")).map(f -> f[0] + " " + f[1] + " " + capsOf(f[3])).sorted().toList());
            for (String d : List.of("tmp", "shm")) {
                int mode = (Integer) Files.getAttribute(scratch.resolve(d), "unix:mode");
                assertEquals("1777", Integer.toOctalString(mode & 07777), d + "'s mode");
            }
            assertEquals(Optional.empty(), ScratchMounts.exhausted(out, scratch), "both are empty");
            Files.write(scratch.resolve("tmp/fill"), new byte[(16 << 20) - (512 << 10)]);
            Verdict.DiskFull full = ScratchMounts.exhausted(out, scratch).orElseThrow();
            assertEquals("/tmp", full.where());
        }
        assertEquals(List.of(), mountsUnder(dir), "mounts left on the job folder");
    }

    @Test
    void aMountStillInUseIsDetachedAndTheOtherUnmounted() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        ScratchMounts mounts = new ScratchMounts();
        mounts.mount(out, dir.resolve("scratch"), JobBench.LIMITS);
        try (FileChannel open = FileChannel.open(out.resolve("held"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            mounts.close(); // out/ is busy: one umount of both fails for it

            assertEquals(List.of(), mountsUnder(dir), "mounts left on the job folder");
            assertTrue(open.isOpen());
        }
    }

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

    /** The size and inode cap among a mount's options. */
    private static String capsOf(String options) {
        return String.join(",", List.of(options.split(",")).stream()
                .filter(o -> o.startsWith("size=") || o.startsWith("nr_inodes=")).toList());
    }

    private static List<String> mountsUnder(Path root) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(root.toString())).toList();
    }
}

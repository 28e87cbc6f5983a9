package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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

            assertEquals(List.of("tmpfs " + out + " size=9216k,nr_inodes=1024 nosuid,nodev 777",
                    "tmpfs " + scratch + " size=16384k,nr_inodes=1024 nosuid,nodev 777"), mountsUnder(dir).stream()
                    .map(l -> l.split(" ")).map(f -> f[0] + " " + f[1] + " " + among(f[3], "size=", "nr_inodes=") + " " + among(f[3], "nosuid", "nodev")
                            + " " + modeOf(Path.of(f[1]))).sorted().toList());
            for (String d : List.of("tmp", "shm")) {
                assertEquals("1777", modeOf(scratch.resolve(d)), d + "'s mode");
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
            mounts.close();
        } finally {
            Thread.interrupted();
        }

        assertEquals(List.of(), mountsUnder(dir), "mounts left on the job folder");
    }

    @Test
    void aFailedMountSaysWhyAndLeavesNothingMounted() throws Exception {
        ScratchMounts mounts = new ScratchMounts();
        Path missing = dir.resolve("no-such-folder");

        IOException e = assertThrows(IOException.class,
                () -> mounts.mount(missing.resolve("out"), dir.resolve("scratch"), JobBench.LIMITS));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        mounts.close();

        assertEquals(List.of(), mountsUnder(dir), "mounts left on the job folder");
    }

    private static String modeOf(Path p) {
        try {
            return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mount's options that start with one of {@code starts} (its caps, its flags), in their order. */
    private static String among(String options, String... starts) {
        return String.join(",", List.of(options.split(",")).stream()
                .filter(o -> List.of(starts).stream().anyMatch(o::startsWith)).toList());
    }

    private static List<String> mountsUnder(Path root) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(root.toString())).toList();
    }
}

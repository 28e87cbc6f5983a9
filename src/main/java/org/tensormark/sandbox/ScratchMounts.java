package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host tmpfs mounts that give the job hard size and inode caps: one for out/ (so a disk-fill
 * attack stops at the cap and never touches the host's disk) and one holding the job's /tmp and
 * /dev/shm. Needs root; measured (how full each is) and unmounted after out/ was collected.
 */
final class ScratchMounts implements AutoCloseable {

    private static final long NEARLY_FULL_BYTES = 1024 * 1024;
    /** rwxrwxrwt, as /tmp and /dev/shm are everywhere. */
    private static final int STICKY_WORLD_WRITABLE = 01777;

    private static final long FLAGS = MountCalls.NOSUID | MountCalls.NODEV;

    private final List<Path> mounted = new ArrayList<>();

    /**
     * Mounts a tmpfs over {@code out} and one at {@code scratch}, holding the job's /tmp and
     * /dev/shm; returns the scratch path. System calls of this process ({@link MountCalls}), no
     * child process: a job's set-up is in its receipt-to-score time.
     */
    Path mount(Path out, Path scratch, SandboxLimits limits) throws IOException {
        Files.createDirectories(scratch);
        mounted.add(0, out);
        MountCalls.mountTmpfs(out, FLAGS, options(limits.outBytes() + 1024 * 1024, limits.tmpfsInodes()));
        mounted.add(0, scratch);
        MountCalls.mountTmpfs(scratch, FLAGS, options(limits.tmpfsBytes(), limits.tmpfsInodes()));
        for (String dir : new String[] {"tmp", "shm"}) {
            Files.setAttribute(Files.createDirectory(scratch.resolve(dir)), "unix:mode", STICKY_WORLD_WRITABLE);
        }
        return scratch;
    }

    private static String options(long bytes, long inodes) {
        return "size=" + bytes + ",nr_inodes=" + inodes + ",mode=0777";
    }

    /** Whether out/ has (almost) no space left: the job hit the out/ cap. */
    static boolean full(Path out) throws IOException {
        return Usage.of(out).bytesLeft() < NEARLY_FULL_BYTES;
    }

    /**
     * The scratch file system the job filled, if it did: /tmp (and /dev/shm) out of files or space,
     * or out/ out of files (out/ out of space is the output limit). Measured with statvfs on the
     * host's own mounts, before they are unmounted.
     */
    static Optional<Verdict.DiskFull> exhausted(Path out, Path scratch) throws IOException {
        Usage tmp = Usage.of(scratch);
        if (tmp.filesLeft() <= 0 || tmp.bytesLeft() < NEARLY_FULL_BYTES) {
            return Optional.of(tmp.verdict("/tmp"));
        }
        Usage outUse = Usage.of(out);
        return outUse.filesLeft() <= 0 ? Optional.of(outUse.verdict("out/")) : Optional.empty();
    }

    /** A file system's use as statvfs reports it. */
    record Usage(long bytes, long maxBytes, long files, long maxFiles) {

        /** The use of the file system that holds {@code at}. */
        static Usage of(Path at) throws IOException {
            MountCalls.FileSystem fs = MountCalls.statvfs(at);
            return new Usage((fs.blocks() - fs.freeBlocks()) * fs.blockBytes(), fs.blocks() * fs.blockBytes(),
                    fs.files() - fs.freeFiles(), fs.files());
        }

        long filesLeft() {
            return maxFiles - files;
        }

        long bytesLeft() {
            return maxBytes - bytes;
        }

        Verdict.DiskFull verdict(String where) {
            return new Verdict.DiskFull(where, files, maxFiles, bytes, maxBytes);
        }
    }

    /**
     * Unmounts every mount this made; a mount still busy is detached lazily (the kernel frees it
     * when its last user is gone) so it never stays on the host's job folder. Tries every mount
     * before it reports the first failure; callers run it through {@link JobTeardown}.
     */
    @Override
    public void close() throws IOException {
        EveryOneTried.each(List.copyOf(mounted), at -> {
            unmount(at);
            mounted.remove(at);
        });
    }

    private static void unmount(Path at) throws IOException {
        try {
            MountCalls.unmount(at, false);
        } catch (IOException busy) {
            if (mountPoint(at)) {
                MountCalls.unmount(at, true);
            }
        }
    }

    /** Whether something is mounted at {@code at} (a mount that failed, or one already undone, is not). */
    private static boolean mountPoint(Path at) throws IOException {
        String escaped = at.toAbsolutePath().toString().replace(" ", "\\040");
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" "))
                .anyMatch(fields -> fields.length > 1 && fields[1].equals(escaped));
    }
}

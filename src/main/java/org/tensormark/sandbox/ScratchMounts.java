package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private final List<Path> mounted = new ArrayList<>();

    /** Mounts a tmpfs over {@code out} and one at {@code scratch}; returns the scratch path. */
    Path mount(Path out, Path scratch, SandboxLimits limits) throws IOException, InterruptedException {
        tmpfs(out, limits.outBytes() + 1024 * 1024, limits.tmpfsInodes());
        Files.createDirectories(scratch);
        tmpfs(scratch, limits.tmpfsBytes(), limits.tmpfsInodes());
        for (String dir : new String[] {"tmp", "shm"}) {
            Path d = Files.createDirectory(scratch.resolve(dir));
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
            run("chmod", "1777", d.toString());
        }
        return scratch;
    }

    /** Whether out/ has (almost) no space left: the job hit the out/ cap. */
    static boolean full(Path out) throws IOException {
        return Files.getFileStore(out).getUsableSpace() < NEARLY_FULL_BYTES;
    }

    /**
     * The scratch file system the job filled, if it did: /tmp (and /dev/shm) out of files or space,
     * or out/ out of files (out/ out of space is the output limit). Measured with statvfs on the
     * host's own mounts, before they are unmounted.
     */
    static Optional<Verdict.DiskFull> exhausted(Path out, Path scratch) throws IOException, InterruptedException {
        Usage tmp = Usage.of(scratch);
        if (tmp.filesLeft() <= 0 || tmp.bytesLeft() < NEARLY_FULL_BYTES) {
            return Optional.of(tmp.verdict("/tmp"));
        }
        Usage outUse = Usage.of(out);
        return outUse.filesLeft() <= 0 ? Optional.of(outUse.verdict("out/")) : Optional.empty();
    }

    /** A file system's use as statvfs reports it. */
    record Usage(long bytes, long maxBytes, long files, long maxFiles) {

        static Usage of(Path at) throws IOException, InterruptedException {
            String[] f = run("stat", "--file-system", "--format=%S %b %f %c %d", at.toString()).strip().split(" ");
            long block = Long.parseLong(f[0]);
            long blocks = Long.parseLong(f[1]);
            long inodes = Long.parseLong(f[3]);
            return new Usage((blocks - Long.parseLong(f[2])) * block, blocks * block,
                    inodes - Long.parseLong(f[4]), inodes);
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

    private void tmpfs(Path at, long bytes, long inodes) throws IOException, InterruptedException {
        // Noted first: an interrupt (the worker stops) can cut the wait for a mount that has happened.
        mounted.add(0, at);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",nr_inodes=" + inodes + ",mode=0777,nosuid,nodev",
                "tmpfs", at.toString());
    }

    /**
     * Unmounts every mount this made; a mount still busy is detached lazily (the kernel frees it
     * when its last user is gone) so it never stays on the host's job folder. Tries every mount
     * before it reports the first failure; callers run it through {@link JobTeardown}.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        IOException failed = null;
        for (Path at : List.copyOf(mounted)) {
            try {
                unmount(at);
                mounted.remove(at);
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static void unmount(Path at) throws IOException, InterruptedException {
        try {
            run("umount", at.toString());
        } catch (IOException busy) {
            if (mountPoint(at)) {
                run("umount", "--lazy", at.toString());
            }
        }
    }

    /** Whether something is mounted at {@code at} (an umount cut short by an interrupt may have done its work). */
    private static boolean mountPoint(Path at) throws IOException {
        String escaped = at.toAbsolutePath().toString().replace(" ", "\\040");
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" "))
                .anyMatch(fields -> fields.length > 1 && fields[1].equals(escaped));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }
}

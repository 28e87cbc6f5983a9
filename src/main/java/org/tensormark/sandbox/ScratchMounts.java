package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    private final List<Path> mounted = new ArrayList<>();

    /**
     * Mounts a tmpfs over {@code out} and one at {@code scratch}, holding the job's /tmp and
     * /dev/shm; returns the scratch path. One child process makes both mounts: each process the
     * JVM starts costs about 2 ms on a small host, and a job's set-up is in its receipt-to-score time.
     */
    Path mount(Path out, Path scratch, SandboxLimits limits) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        // Noted first: an interrupt (the worker stops) can cut the wait for mounts that have happened.
        mounted.add(0, out);
        mounted.add(0, scratch);
        run("sh", "-c", "mount -t tmpfs -o \"$1\" tmpfs \"$2\" && mount -t tmpfs -o \"$3\" tmpfs \"$4\"", "mount",
                options(limits.outBytes() + 1024 * 1024, limits.tmpfsInodes()), out.toString(),
                options(limits.tmpfsBytes(), limits.tmpfsInodes()), scratch.toString());
        for (String dir : new String[] {"tmp", "shm"}) {
            Files.setAttribute(Files.createDirectory(scratch.resolve(dir)), "unix:mode", STICKY_WORLD_WRITABLE);
        }
        return scratch;
    }

    private static String options(long bytes, long inodes) {
        return "size=" + bytes + ",nr_inodes=" + inodes + ",mode=0777,nosuid,nodev";
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
        List<Usage> usage = Usage.of(scratch, out);
        Usage tmp = usage.get(0);
        if (tmp.filesLeft() <= 0 || tmp.bytesLeft() < NEARLY_FULL_BYTES) {
            return Optional.of(tmp.verdict("/tmp"));
        }
        Usage outUse = usage.get(1);
        return outUse.filesLeft() <= 0 ? Optional.of(outUse.verdict("out/")) : Optional.empty();
    }

    /** A file system's use as statvfs reports it. */
    record Usage(long bytes, long maxBytes, long files, long maxFiles) {

        /** The use of each file system, in the order given, from one {@code stat} process. */
        static List<Usage> of(Path... at) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("stat", "--file-system", "--format=%S %b %f %c %d"));
            for (Path p : at) {
                command.add(p.toString());
            }
            List<Usage> usage = new ArrayList<>();
            for (String line : run(command.toArray(String[]::new)).strip().split("\n")) {
                String[] f = line.strip().split(" ");
                long block = Long.parseLong(f[0]);
                long blocks = Long.parseLong(f[1]);
                long inodes = Long.parseLong(f[3]);
                usage.add(new Usage((blocks - Long.parseLong(f[2])) * block, blocks * block,
                        inodes - Long.parseLong(f[4]), inodes));
            }
            if (usage.size() != at.length) {
                throw new IOException("stat gave " + usage.size() + " file systems' use for " + at.length + " paths");
            }
            return usage;
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
     * Unmounts every mount this made, all with one {@code umount} process; a mount still busy is
     * then detached lazily (the kernel frees it when its last user is gone) so it never stays on
     * the host's job folder. Tries every mount before it reports the first failure; callers run it
     * through {@link JobTeardown}.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(List.of("umount"));
        mounted.forEach(at -> all.add(at.toString()));
        try {
            run(all.toArray(String[]::new));
            mounted.clear();
            return;
        } catch (IOException notAll) {
            // one was busy or not mounted (a mount cut short, an umount repeated after an interrupt): one at a time
        }
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

package org.tensormark.sandbox;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The C library's mount(2), umount2(2) and statvfs(3), called from this process through JNA (on
 * the class path already, for DJL) rather than by starting {@code mount}, {@code stat} and
 * {@code umount}: a job's three such processes cost 25-45 ms of its set-up and tear-down on a
 * 2-CPU host, a system call well under a millisecond (README "Measuring"). Linux on a 64-bit CPU
 * only, as the sandbox is.
 */
final class MountCalls {

    /** mount(2)'s flags: no set-uid programs, no device files. */
    static final long NOSUID = 2;
    static final long NODEV = 4;
    /** umount2(2)'s flag: detach now, free the mount when its last user is gone. */
    private static final int DETACH = 2;
    /** The longs of a 64-bit glibc {@code struct statvfs}: 11 fields, then six ints spare. */
    private static final int STATVFS_LONGS = 14;

    private MountCalls() {
    }

    /** What this class calls in the C library. */
    private interface C extends Library {

        int mount(String source, String target, String type, NativeLong flags, String data);

        int umount2(String target, int flags);

        int statvfs(String path, long[] buf);

        String strerror(int errno);
    }

    /** Loaded at first use: the sandbox's first mount, in a worker's self-check. */
    private static final class Loaded {
        static final C C = Native.load("c", C.class);
    }

    /** The C library, or why JNA cannot reach it here (the job then fails as the platform's fault). */
    private static C c() throws IOException {
        try {
            return Loaded.C;
        } catch (LinkageError e) {
            throw new IOException("the C library's mount calls are out of reach through JNA: " + e, e);
        }
    }

    /** Mounts a tmpfs at {@code at} with the given flags and options ({@code size=…,nr_inodes=…,mode=…}). */
    static void mountTmpfs(Path at, long flags, String options) throws IOException {
        if (c().mount("tmpfs", at.toString(), "tmpfs", new NativeLong(flags), options) != 0) {
            throw failure("mount -t tmpfs -o " + options + " tmpfs " + at);
        }
    }

    /** Unmounts what is mounted at {@code at}; {@code lazily} detaches a busy mount instead of failing. */
    static void unmount(Path at, boolean lazily) throws IOException {
        if (c().umount2(at.toString(), lazily ? DETACH : 0) != 0) {
            throw failure("umount " + (lazily ? "--lazy " : "") + at);
        }
    }

    /** A file system's size and use as statvfs(3) gives them. */
    record FileSystem(long blockBytes, long blocks, long freeBlocks, long files, long freeFiles) {
    }

    /** The file system that holds {@code at}. */
    static FileSystem statvfs(Path at) throws IOException {
        long[] s = new long[STATVFS_LONGS];
        if (c().statvfs(at.toString(), s) != 0) {
            throw failure("statvfs " + at);
        }
        return new FileSystem(s[1], s[2], s[3], s[5], s[6]); // f_frsize, f_blocks, f_bfree, f_files, f_ffree
    }

    private static IOException failure(String call) throws IOException {
        int errno = Native.getLastError();
        return new IOException(call + " failed: " + c().strerror(errno) + " (errno " + errno + ")");
    }
}

package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The launcher's folder, holding its socket and its jobs' run directories (the mount points):
 * it and every directory above it must belong to root and be writable by root only (a sticky
 * directory such as /tmp is allowed above it), so that no other user can swap a path the
 * launcher mounts on or writes to as root.
 */
final class LauncherFolder {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private LauncherFolder() {
    }

    /** Creates {@code dir} (mode 0755) when missing, checks it and every parent, and returns its real path. */
    static Path require(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path real = dir.toRealPath();
        for (Path d = real; d != null; d = d.getParent()) {
            int owner = (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean sharedAbove = !d.equals(real) && (mode & STICKY) != 0;
            if (owner != 0 || ((mode & GROUP_OR_OTHER_WRITE) != 0 && !sharedAbove)) {
                throw new IOException("the launcher's directory " + real + " must belong to root and be writable by root only,"
                        + " and so must every directory above it; " + d + " is not (owner uid " + owner + ", mode "
                        + Integer.toOctalString(mode & 07777) + ")");
            }
        }
        return real;
    }

    /** Removes the socket an earlier launcher left; anything else at that path is an error. */
    static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(socket + " exists and is not a socket");
        }
        Files.delete(socket);
    }

    /** Removes {@code dir} unless something is still in it. */
    static void removeIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // another launcher's socket or a job left mounted: the next launcher sweeps it
        }
    }
}

package org.tensormark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The check the launcher makes of the directory holding its socket and its jobs' mount points:
 * it and every directory above it belong to root and only root can write them (a sticky
 * directory such as /tmp is allowed above it), so no other user can swap a path the launcher
 * mounts on or writes to as root.
 */
final class RootOnlyDirectory {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private RootOnlyDirectory() {
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
}

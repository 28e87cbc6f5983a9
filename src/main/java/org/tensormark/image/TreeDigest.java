package org.tensormark.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content digest of an image tree: SHA-256 over every entry in path order, each as its
 * relative path, type, mode bits (set-id included) and owner, plus a file's content digest or a link's
 * target. Time stamps do not count, so the same packages give the same digest whenever built.
 * Links are never followed.
 */
final class TreeDigest {

    private TreeDigest() {
    }

    static String of(Path root) throws IOException {
        MessageDigest tree = sha256();
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(entries::add);
        }
        entries.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
        for (Path entry : entries) {
            tree.update(describe(root, entry).getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(tree.digest());
    }

    private static String describe(Path root, Path entry) throws IOException {
        PosixFileAttributes a = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        StringBuilder line = new StringBuilder("/").append(root.relativize(entry)).append('\0')
                .append(Integer.toOctalString(mode)).append(' ').append(Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .append(':').append(Files.getAttribute(entry, "unix:gid", LinkOption.NOFOLLOW_LINKS)).append(' ');
        if (a.isSymbolicLink()) {
            line.append("l ").append(Files.readSymbolicLink(entry));
        } else if (a.isDirectory()) {
            line.append('d');
        } else if (a.isRegularFile()) {
            line.append("f ").append(fileDigest(entry));
        } else {
            line.append("s ").append(Files.getAttribute(entry, "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        }
        return line.append('\n').toString();
    }

    private static String fileDigest(Path file) throws IOException {
        MessageDigest d = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                d.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

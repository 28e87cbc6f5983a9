package org.tensormark.container;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One gzip-compressed layer of an OCI image, written as a blob.
 *
 * @param blob the compressed file
 * @param digest {@code sha256:} of the compressed bytes (the manifest names the layer by it)
 * @param diffId {@code sha256:} of the uncompressed tar (the image config lists these)
 * @param size the compressed size in bytes
 */
record Layer(Path blob, String digest, String diffId, long size) {

    /** Files in the app layer are dated here, so two builds of one commit give one digest. */
    private static final long FIXED_MTIME_MILLIS = 1735689600_000L;

    /** Compresses an existing layer tarball (the base from mmdebstrap) into {@code blob}. */
    static Layer compress(Path tar, Path blob) throws IOException {
        try (InputStream in = Files.newInputStream(tar); Writer w = new Writer(blob)) {
            in.transferTo(w.tar());
            return w.finish();
        }
    }

    /**
     * Writes the files under {@code source} (each of {@code paths}, a file or a folder) below
     * {@code prefix} in the image, owned by root, mode 0755 for executables and folders, 0644 for
     * the rest, in name order and with one fixed date. Links and Python caches are left out: the
     * image holds the build's regular files only.
     */
    static Layer ofFiles(Path source, List<String> paths, String prefix, Path blob) throws IOException {
        try (Writer w = new Writer(blob)) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(w.tar(), "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Set<String> folders = new HashSet<>();
            for (String path : paths) {
                Path top = source.resolve(path);
                if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("the image needs " + top + ", which is missing (build first: ./mvnw package)");
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(top)) {
                    files = walk.filter(p -> !p.toString().contains("__pycache__") && !p.toString().endsWith(".pyc"))
                            .sorted().toList();
                }
                for (Path file : files) {
                    String name = prefix + "/" + source.relativize(file).toString().replace('\\', '/');
                    if (Files.isSymbolicLink(file)) {
                        continue;
                    }
                    folders(tar, folders, name);
                    if (Files.isDirectory(file)) {
                        folders(tar, folders, name + "/.");
                    } else {
                        TarArchiveEntry e = new TarArchiveEntry(name);
                        e.setSize(Files.size(file));
                        e.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                        own(e);
                        tar.putArchiveEntry(e);
                        Files.copy(file, tar);
                        tar.closeArchiveEntry();
                    }
                }
            }
            tar.finish();
            return w.finish();
        }
    }

    /** Writes the folders above {@code name} that the layer does not hold yet, outermost first. */
    private static void folders(TarArchiveOutputStream tar, Set<String> written, String name) throws IOException {
        int slash = name.indexOf('/');
        while (slash > 0) {
            String folder = name.substring(0, slash + 1);
            if (written.add(folder)) {
                directory(tar, folder);
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040755);
        own(e);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void own(TarArchiveEntry e) {
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(FIXED_MTIME_MILLIS);
    }

    /** This layer with its blob renamed to its digest's hex, as an OCI layout names blobs. */
    Layer namedByDigest() throws IOException {
        Path named = blob.resolveSibling(digest.substring("sha256:".length()));
        Files.move(blob, named);
        return new Layer(named, digest, diffId, size);
    }

    static String sha256(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** uncompressed bytes → sha256 (diff id) → gzip → sha256 (digest) → file, in one pass. */
    private static final class Writer implements AutoCloseable {
        private final Path blob;
        private final MessageDigest compressed = newSha256();
        private final MessageDigest uncompressed = newSha256();
        private final OutputStream file;
        private final GZIPOutputStream gzip;
        private final DigestOutputStream tar;
        private boolean finished;

        Writer(Path blob) throws IOException {
            this.blob = blob;
            this.file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(blob), 1 << 16), compressed);
            this.gzip = new GZIPOutputStream(file, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            this.tar = new DigestOutputStream(gzip, uncompressed);
        }

        OutputStream tar() {
            return new java.io.FilterOutputStream(tar) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // the writer closes the chain once, in finish()
                }
            };
        }

        Layer finish() throws IOException {
            gzip.finish();
            file.flush();
            file.close();
            finished = true;
            return new Layer(blob, sha256(compressed), sha256(uncompressed), Files.size(blob));
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                file.close();
                Files.deleteIfExists(blob);
            }
        }
    }
}

package org.tensormark.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Content-addressed file storage: a blob's name is the sha256 of its bytes. Writes go to a temp
 * file that is fsynced and atomically renamed into place, so a crash leaves either the whole blob
 * or a temp file that the janitor removes, never a torn blob under its final name.
 */
public final class BlobStore {

    /** Threads that flush {@link #putAll}'s files; idle ones end after a minute. */
    private static final ThreadPoolExecutor FLUSHERS = new ThreadPoolExecutor(16, 16, 1, TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "tensormark-fsync");
                t.setDaemon(true);
                return t;
            });

    static {
        FLUSHERS.allowCoreThreadTimeOut(true);
    }

    private final Path root;
    private final Path temp;

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath();
        this.temp = this.root.resolve("tmp");
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob store at " + root, e);
        }
    }

    /** A stored blob. */
    public record StoredBlob(String sha256, long size) {
    }

    /** The name the store gives {@code bytes}: their SHA-256, in lower-case hex. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Stores the stream's bytes; storing the same bytes twice is harmless and cheap. */
    public StoredBlob put(InputStream in) throws IOException {
        Path tmp = temp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha = sha256();
        long size;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), sha)) {
            size = in.transferTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        Path target = pathOf(hash);
        Files.createDirectories(target.getParent());
        moveIntoPlace(tmp, target);
        force(target.getParent());
        return new StoredBlob(hash, size);
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            // Replacing an existing copy (same bytes) renews its age, so the janitor cannot take a
            // blob that an upload in flight is about to reference.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(tmp);
            throw new IOException("the blob store's file system cannot rename atomically", e);
        }
    }

    /**
     * Stores several blobs, as durably as {@link #put} one after the other and much faster for a
     * run's many small outputs: every temp file is written first, then all are flushed to disk at
     * once (fsyncs issued together share the file system's journal commits instead of waiting for
     * one each), then renamed into place, then their directories are flushed. Returns the stored
     * blobs in the order given.
     */
    public List<StoredBlob> putAll(List<byte[]> contents) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            List<StoredBlob> stored = new ArrayList<>();
            for (byte[] bytes : contents) {
                Path tmp = temp.resolve(UUID.randomUUID() + ".part");
                temps.add(tmp);
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                stored.add(new StoredBlob(sha256Hex(bytes), bytes.length));
            }
            forceAll(temps);
            Set<Path> directories = new LinkedHashSet<>();
            for (int i = 0; i < temps.size(); i++) {
                Path target = pathOf(stored.get(i).sha256());
                Files.createDirectories(target.getParent());
                moveIntoPlace(temps.get(i), target);
                directories.add(target.getParent());
            }
            temps.clear();
            forceAll(List.copyOf(directories));
            return stored;
        } finally {
            for (Path tmp : temps) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Flushes files or directories to disk, the flushes issued side by side; the first failure is thrown. */
    private static void forceAll(List<Path> paths) throws IOException {
        List<Future<?>> flushes = new ArrayList<>();
        for (Path p : paths) {
            flushes.add(FLUSHERS.submit(() -> {
                force(p);
                return null;
            }));
        }
        IOException failed = null;
        boolean interrupted = false;
        for (Future<?> f : flushes) {
            try {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // every flush is awaited: the caller must not rename what is not on disk
                    }
                }
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed != null) {
            throw failed;
        }
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    /**
     * Where a blob lives, after checking that its bytes still have the sha256 it is named by (and
     * that a receipt gave the student). Grading reads through this, so a damaged file is refused
     * instead of being graded as if the student had handed it in.
     */
    public Path verifiedPathOf(String sha256) throws IOException {
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            throw new CorruptBlobException("the stored file " + sha256 + " is missing from " + root
                    + "; restore it from a backup (tensormark verify lists every damaged hand-in)");
        }
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(sha256)) {
            throw new CorruptBlobException("the stored file " + sha256 + " is corrupt: its bytes no longer match the"
                    + " sha256 on the receipt; restore it from a backup (tensormark verify lists every damaged hand-in)");
        }
        return path;
    }

    /** A stored file that is missing or no longer matches its sha256: a platform fault, never the student's. */
    public static final class CorruptBlobException extends IOException {

        CorruptBlobException(String message) {
            super(message);
        }
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /** Where a blob lives: {@code <root>/ab/abcdef…}. */
    public Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public Path root() {
        return root;
    }

    Path tempDirectory() {
        return temp;
    }

    /** Flushes a file's or a directory's contents to disk. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

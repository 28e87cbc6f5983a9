package org.tensormark.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The settings of a platform that a benchmark may fill and throw away: the embedded database and
 * the blob store under a new temporary folder, and a free HTTP port on the loopback address. It
 * never touches ./data.
 */
public final class ThrowAwayPlatform {

    private ThrowAwayPlatform() {
    }

    /**
     * Sets those settings through {@code set} (System::setProperty) and returns the data folder.
     * The folder is readable by all, since the sandbox's uid must pass through to job folders under it.
     */
    public static Path prepare(String prefix, BiConsumer<String, String> set) throws IOException {
        Path data = Files.createTempDirectory(prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        set.accept("tensormark.data-dir", data.toString());
        set.accept("tensormark.storage.blobs", data.resolve("blobs").toString());
        try (ServerSocket socket = new ServerSocket(0)) {
            set.accept("tensormark.http.port", Integer.toString(socket.getLocalPort()));
        }
        set.accept("quarkus.http.host", "127.0.0.1");
        return data;
    }

    /** Deletes a throw-away folder and everything in it, once nothing runs on it any more. */
    public static void discard(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

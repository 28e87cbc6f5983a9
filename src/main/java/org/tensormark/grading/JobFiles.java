package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tensormark.submission.BlobStore;

/**
 * Where a worker reads a hand-in's stored files and keeps the files its runs produced. On one
 * machine that is the server's blob store itself. A worker with {@code tensormark.worker.server-url}
 * shares no file system with the server: it fetches what it reads from the server into its own
 * blob store (a local cache) and hands every file it keeps to the server as well, before the run
 * is recorded, so a recorded run never names a file the server lacks.
 */
@ApplicationScoped
class JobFiles {

    private final BlobStore local;
    private final Optional<ServerBlobs> server;

    @Inject
    JobFiles(BlobStore local, WorkerConfig config) {
        this(local, remote(config));
    }

    JobFiles(BlobStore local, Optional<ServerBlobs> server) {
        this.local = local;
        this.server = server;
    }

    /** A worker with a server URL needs the credential too; the start fails naming the missing key. */
    static Optional<ServerBlobs> remote(WorkerConfig config) {
        if (config.serverUrl().isEmpty()) {
            return Optional.empty();
        }
        String credential = config.credential().filter(c -> !c.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "tensormark.worker.server-url is set (" + config.serverUrl().get() + ") but tensormark.worker.credential"
                        + " is not; set it to the secret the server has"));
        return Optional.of(new ServerBlobs(config.serverUrl().get(), credential));
    }

    /** The stored file {@code sha256} on this machine, its bytes checked against the hash. */
    Path verified(String sha256) throws IOException {
        if (server.isPresent() && !local.exists(sha256)) {
            server.get().fetch(sha256, local);
        }
        return local.verifiedPathOf(sha256);
    }

    /** The stored file {@code sha256} on this machine when it can be had, unchecked (a report the checks open). */
    Path located(String sha256) {
        if (server.isPresent() && !local.exists(sha256)) {
            try {
                server.get().fetch(sha256, local);
            } catch (IOException e) {
                // the report check reports a file it cannot open; the hand-in's code still gets graded
            }
        }
        return local.pathOf(sha256);
    }

    /** Keeps {@code bytes} (here, and on the server when this worker has one); returns their sha256. */
    String keep(byte[] bytes) throws IOException {
        String sha256 = local.put(new ByteArrayInputStream(bytes)).sha256();
        if (server.isPresent()) {
            server.get().send(sha256, bytes);
        }
        return sha256;
    }

    /** The bytes of a stored file, checked against its hash. */
    byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(verified(sha256));
    }
}

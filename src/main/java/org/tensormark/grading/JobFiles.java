package org.tensormark.grading;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
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

    /** How long a remote worker keeps a file it no longer uses; far longer than any job runs. */
    static final Duration CACHE_AGE = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(JobFiles.class);

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
        cache(sha256);
        return local.verifiedPathOf(sha256);
    }

    /** The stored file {@code sha256} on this machine when it can be had, unchecked (a report the checks open). */
    Path located(String sha256) {
        try {
            cache(sha256);
        } catch (IOException e) {
            // the report check reports a file it cannot open; the hand-in's code still gets graded
        }
        return local.pathOf(sha256);
    }

    /** Fetches a file this remote worker lacks; one it has is marked as used now, so eviction spares it. */
    private void cache(String sha256) throws IOException {
        if (server.isEmpty()) {
            return;
        }
        if (local.exists(sha256)) {
            Files.setLastModifiedTime(local.pathOf(sha256), FileTime.from(Instant.now()));
        } else {
            server.get().fetch(sha256, local);
        }
    }

    /**
     * A remote worker's blob store is a cache of the jobs in hand, never the record: files unused
     * for {@link #CACHE_AGE} are removed, so a long-lived worker's scratch space does not fill up
     * over a term. A worker that shares the server's blob store never removes anything here.
     */
    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictCache() {
        evictCache(Instant.now().minus(CACHE_AGE));
    }

    /** Removes cached files last used before {@code cutoff}; returns how many. */
    int evictCache(Instant cutoff) {
        if (server.isEmpty()) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(local.root(), 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).toList()) {
                if (Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not clean the worker's file cache %s: %s", local.root(), e.getMessage());
        }
        return removed;
    }

    /** Keeps every file given (here, and on the server when this worker has one); returns their sha256s, in order. */
    List<String> keepAll(List<byte[]> contents) throws IOException {
        List<String> sha256s = local.putAll(contents).stream().map(BlobStore.StoredBlob::sha256).toList();
        if (server.isPresent()) {
            for (int i = 0; i < contents.size(); i++) {
                server.get().send(sha256s.get(i), contents.get(i));
            }
        }
        return sha256s;
    }

    /** The bytes of a stored file, checked against its hash. */
    byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(verified(sha256));
    }
}

package org.tensormark.submission;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Removes blob files that no committed row references (uploads that failed a check after storing,
 * or whose transaction never committed) once they are older than the configured age. A blob with
 * a row is never removed.
 */
@ApplicationScoped
public class BlobJanitor {

    private static final Logger LOG = Logger.getLogger(BlobJanitor.class);

    private final BlobStore blobs;
    private final EntityManager em;
    private final Duration minAge;

    BlobJanitor(BlobStore blobs, EntityManager em, StorageConfig config) {
        this.blobs = blobs;
        this.em = em;
        this.minAge = Duration.ofMinutes(config.orphanMinutes());
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int removed = sweep(Instant.now().minus(minAge));
        if (removed > 0) {
            LOG.infof("removed %d unreferenced blob files", removed);
        }
    }

    /** Removes unreferenced files last modified before {@code cutoff}; returns how many. */
    @Transactional
    public int sweep(Instant cutoff) {
        int removed = 0;
        for (Path file : candidates(cutoff)) {
            String name = file.getFileName().toString();
            boolean referenced = name.matches("[0-9a-f]{64}") && !em.createNativeQuery("select 1 from blob where sha256 = ?1")
                    .setParameter(1, name).getResultList().isEmpty();
            if (!referenced && olderThan(file, cutoff)) {
                try {
                    Files.deleteIfExists(file);
                    removed++;
                } catch (IOException e) {
                    LOG.warnf("could not remove orphan blob %s: %s", file, e.getMessage());
                }
            }
        }
        return removed;
    }

    private List<Path> candidates(Instant cutoff) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(blobs.root(), 2)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> olderThan(p, cutoff))
                    .forEach(found::add);
        } catch (IOException e) {
            LOG.warnf("could not list the blob store: %s", e.getMessage());
        }
        return found;
    }

    private static boolean olderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }
}

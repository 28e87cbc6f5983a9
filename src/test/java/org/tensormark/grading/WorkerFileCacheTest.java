package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.submission.BlobStore;

/** A remote worker's cache of hand-in and run files empties itself; a shared blob store is never touched. */
class WorkerFileCacheTest {

    @TempDir
    Path dir;

    @Test
    void aRemoteWorkerRemovesCachedFilesUnusedForAnHourAndKeepsTheOnesInUse() throws Exception {
        BlobStore cache = new BlobStore(dir);
        String old = put(cache, "an old hand-in");
        String used = put(cache, "a hand-in graded again");
        String fresh = put(cache, "a hand-in of now");
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Files.setLastModifiedTime(cache.pathOf(old), FileTime.from(twoHoursAgo));
        Files.setLastModifiedTime(cache.pathOf(used), FileTime.from(twoHoursAgo));
        JobFiles files = new JobFiles(cache, Optional.of(new ServerBlobs(URI.create("http://127.0.0.1:9"), "unused-credential")));

        files.verified(used);
        int removed = files.evictCache(Instant.now().minus(JobFiles.CACHE_AGE));

        assertEquals(1, removed);
        assertFalse(cache.exists(old));
        assertTrue(cache.exists(used));
        assertTrue(cache.exists(fresh));
    }

    @Test
    void aWorkerSharingTheServersBlobStoreNeverRemovesAFile() throws Exception {
        BlobStore shared = new BlobStore(dir);
        String old = put(shared, "a hand-in of last term");
        Files.setLastModifiedTime(shared.pathOf(old), FileTime.from(Instant.now().minus(Duration.ofDays(200))));

        assertEquals(0, new JobFiles(shared, Optional.empty()).evictCache(Instant.now()));
        assertTrue(shared.exists(old));
    }

    private static String put(BlobStore store, String text) throws Exception {
        return store.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).sha256();
    }
}

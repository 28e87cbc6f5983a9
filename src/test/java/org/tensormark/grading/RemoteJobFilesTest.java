package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.submission.BlobStore;

/**
 * A worker configured with the server's URL and the worker credential shares no file system
 * with the server: hand-in files come into its own cache over the internal endpoint, and the
 * files its runs keep reach the server's blob store.
 */
@QuarkusTest
class RemoteJobFilesTest {

    @Inject
    BlobStore serverBlobs;

    @TestHTTPResource("/")
    URI server;

    @TempDir
    Path cache;

    @Test
    void aWorkerWithAServerUrlReadsHandinFilesIntoItsOwnCacheAndKeepsRunFilesOnTheServer() throws IOException {
        byte[] code = ("def relu(x):\n    return x  # " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        String handin = serverBlobs.put(new ByteArrayInputStream(code)).sha256();
        JobFiles files = new JobFiles(new BlobStore(cache), Optional.of(new ServerBlobs(server, "test-worker-credential")));

        Path local = files.verified(handin);
        String kept = files.keepAll(List.of(("y.npy " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8))).get(0);

        assertTrue(local.startsWith(cache), "read from the worker's own cache, not " + local);
        assertArrayEquals(code, Files.readAllBytes(local));
        assertTrue(serverBlobs.exists(kept), "the run's file reached the server's blob store");
    }

    @Test
    void aWorkerWithTheWrongCredentialGetsNoHandinFile() throws IOException {
        String handin = serverBlobs.put(new ByteArrayInputStream(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)))
                .sha256();
        BlobStore local = new BlobStore(cache);
        JobFiles files = new JobFiles(local, Optional.of(new ServerBlobs(server, "a-guess")));

        IOException refused = assertThrows(IOException.class, () -> files.verified(handin));

        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        assertFalse(local.exists(handin));
    }

    @Test
    void aServerUrlWithoutACredentialFailsTheStartNamingBothKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobFiles.remote(new RemoteSettings(Optional.of(server), Optional.empty())));

        assertTrue(e.getMessage().contains("tensormark.worker.server-url"), e.getMessage());
        assertTrue(e.getMessage().contains("tensormark.worker.credential"), e.getMessage());
    }

    @Test
    void withoutAServerUrlAWorkerUsesTheSharedBlobStoreAsBefore() {
        assertTrue(JobFiles.remote(new RemoteSettings(Optional.empty(), Optional.of("secret"))).isEmpty());
    }

    /** Only the two settings of remote files; the rest is never read here. */
    private record RemoteSettings(Optional<URI> serverUrl, Optional<String> credential) implements WorkerConfig {
        @Override
        public java.util.OptionalInt slots() {
            return java.util.OptionalInt.of(0);
        }

        @Override
        public boolean wakeOnNotify() {
            return false;
        }

        @Override
        public boolean selfCheck() {
            return false;
        }

        @Override
        public Optional<String> name() {
            return Optional.empty();
        }

        @Override
        public Optional<String> jobsDir() {
            return Optional.empty();
        }

        @Override
        public String harness() {
            return "graders/python";
        }

        @Override
        public java.time.Duration wallLimit() {
            return java.time.Duration.ofSeconds(1);
        }

        @Override
        public java.time.Duration poll() {
            return java.time.Duration.ofSeconds(1);
        }

        @Override
        public java.time.Duration shutdownGrace() {
            return java.time.Duration.ofSeconds(1);
        }
    }
}

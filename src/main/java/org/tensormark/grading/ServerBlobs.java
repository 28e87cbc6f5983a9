package org.tensormark.grading;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.tensormark.submission.BlobStore;

/**
 * A worker's line to the server's blob store over the internal worker endpoint
 * ({@code /internal/worker/blobs/{sha256}}): fetches a hand-in's file into the worker's local
 * cache and hands a run's files to the server. Every byte is checked against its sha256 on the
 * side that receives it, so a damaged transfer is refused, never graded or kept.
 */
final class ServerBlobs {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final URI server;
    private final String credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerBlobs(URI server, String credential) {
        this.server = server;
        this.credential = credential;
    }

    /** Copies the blob named {@code sha256} from the server into {@code cache}. */
    void fetch(String sha256, BlobStore cache) throws IOException {
        HttpResponse<InputStream> answer = send(request(sha256).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw new IOException("the server answered " + answer.statusCode() + " for the stored file " + sha256
                        + " (" + new String(body.readNBytes(500)) + ")");
            }
            String got = cache.put(body).sha256();
            if (!got.equals(sha256)) {
                throw new IOException("the server sent bytes with sha256 " + got + " for the stored file " + sha256);
            }
        }
    }

    /** Hands the bytes of the blob {@code sha256} to the server's blob store. */
    void send(String sha256, byte[] bytes) throws IOException {
        HttpResponse<String> answer = send(request(sha256).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 204) {
            throw new IOException("the server refused the run file " + sha256 + ": " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private HttpRequest.Builder request(String sha256) {
        return HttpRequest.newBuilder(server.resolve("/internal/worker/blobs/" + sha256)).timeout(TIMEOUT)
                .header(WorkerCredential.HEADER, credential);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to the server at " + server, e);
        }
    }
}

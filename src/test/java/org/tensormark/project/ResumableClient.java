package org.tensormark.project;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/** What a browser or the CLI does with the resumable-upload endpoints, plus a connection cut off on purpose. */
final class ResumableClient {

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    ResumableClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    String start(String assignment, String role, String filename, long size, String sha256) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("role", role, "filename", filename, "size", size, "sha256", sha256))
                .post("/api/assignments/" + assignment + "/uploads").then().statusCode(201).extract().path("id");
    }

    /** The offset the server holds (HEAD). */
    long offset(String id) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(request(id).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HEAD answered " + r.statusCode());
        }
        return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** Sends bytes [from, to) of the source in one PATCH; answers the status and the offset it reported. */
    HttpResponse<String> patch(String id, Supplier<InputStream> source, long from, long to)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> limited(slice(source, from), to - from)), to - from);
        return http.send(request(id).header("Upload-Offset", String.valueOf(from))
                .header("Content-Type", "application/offset+octet-stream").method("PATCH", body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Starts a PATCH of bytes [from, to) but drops the connection after {@code sent} bytes, the way
     * a train going into a tunnel does: the server has seen a Content-Length it will never get.
     */
    void patchCutOff(String id, Supplier<InputStream> source, long from, long to, long sent) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort()); InputStream in = slice(source, from)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + base.resolve("/api/uploads/" + id).getPath() + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nAuthorization: Bearer " + token + "\r\nUpload-Offset: " + from
                    + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + (to - from)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 20];
            for (long left = sent; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    /**
     * Sends bytes [from, size) in chunks, asking for the offset again after every refusal (a
     * chunk still being written after a cut, a resend that started at the wrong place).
     */
    void finish(String id, Supplier<InputStream> source, long size, long chunk) throws IOException, InterruptedException {
        for (int attempts = 0; attempts < 200; attempts++) {
            long at = offset(id);
            if (at == size) {
                return;
            }
            HttpResponse<String> r = patch(id, source, at, Math.min(size, at + chunk));
            if (r.statusCode() == 409) {
                Thread.sleep(100);
            } else if (r.statusCode() != 204) {
                throw new IllegalStateException("PATCH answered " + r.statusCode() + ": " + r.body());
            }
        }
        throw new IllegalStateException("the upload did not finish");
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private HttpRequest.Builder request(String id) {
        return HttpRequest.newBuilder(base.resolve("/api/uploads/" + id)).header("Authorization", "Bearer " + token);
    }

    private static InputStream limited(InputStream in, long length) {
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    private static InputStream slice(Supplier<InputStream> source, long from) {
        InputStream in = source.get();
        try {
            in.skipNBytes(from);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return in;
    }
}

package org.tensormark.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The TensorMark REST API as the client calls it: JSON in and out, the personal token as a bearer
 * token, and every answer that is not a success turned into a {@link ClientFailure} with the
 * server's own sentence.
 */
final class ServerApi {

    private final HttpClient http;
    private final String server;
    private final String token;

    ServerApi(String server, String token) {
        this(server, token, null);
    }

    /** A server whose TLS certificate is signed by the CA in the PEM file {@code ca} (null: the JDK's trust store). */
    ServerApi(String server, String token, Path ca) {
        this.server = server.replaceAll("/+$", "");
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        this.http = (ca == null ? b : b.sslContext(TrustedCa.context(ca))).build();
    }

    String server() {
        return server;
    }

    Object get(String path) throws IOException {
        return json(send(request(path).GET()));
    }

    String getText(String path) throws IOException {
        return send(request(path).GET()).body();
    }

    Object post(String path, Object body) throws IOException {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : Json.write(body)))));
    }

    Object put(String path, Object body) throws IOException {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
    }

    Object delete(String path) throws IOException {
        return json(send(request(path).DELETE()));
    }

    /** Posts a text body (CSV); answers of status {@code alsoAccepted} are returned, not failures. */
    Object postText(String path, String contentType, String body, int alsoAccepted) throws IOException {
        HttpResponse<String> r = send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), alsoAccepted);
        return json(r);
    }

    /**
     * Streams a file to {@code target}. When {@code from} bytes of it are already there the rest
     * is asked for with a range request; unless the server answers with exactly that range, the
     * whole file is fetched again and replaces what was there. True when the bytes were appended.
     */
    boolean download(String path, Path target, long from) throws IOException {
        HttpRequest.Builder b = request(path);
        if (from > 0) {
            b.header("Range", "bytes=" + from + "-");
        }
        HttpResponse<java.io.InputStream> r = exchange(b.GET(), HttpResponse.BodyHandlers.ofInputStream());
        boolean append = from > 0 && r.statusCode() == 206
                && r.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + from + "-");
        if (from > 0 && !append) {
            r.body().close();
            return download(path, target, 0);
        }
        try (java.io.InputStream in = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw ClientFailure.of(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (OutputStream out = Files.newOutputStream(target, append
                    ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                    : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE})) {
                in.transferTo(out);
            }
            return append;
        }
    }

    /** Signs in with a password and returns the session cookie's value. */
    String passwordLogin(String username, String password) throws IOException {
        HttpResponse<String> r = send(request("/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("username", username,
                        "password", password)))));
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tm_session="))
                .map(c -> c.substring("tm_session=".length()).split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new ClientFailure(1, "the server signed you in but set no session"));
    }

    /** Makes a personal token from a session (the login's second step). */
    String tokenFromSession(String session, String name) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/me/tokens")).timeout(Duration.ofSeconds(60))
                .header("Cookie", "tm_session=" + session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = (Map<String, Object>) json(r);
        return (String) issued.get("token");
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json, text/csv, */*");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        try {
            return URI.create(server + path);
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(2, "'" + server + "' is not a server address (e.g. https://tensormark.example.edu)");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... alsoAccepted) throws IOException {
        HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = r.statusCode();
        boolean accepted = status / 100 == 2;
        for (int s : alsoAccepted) {
            accepted |= status == s;
        }
        if (!accepted) {
            throw ClientFailure.of(status, r.body());
        }
        return r;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException {
        try {
            return http.send(request.build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure(1, "interrupted");
        } catch (java.net.ConnectException e) {
            throw new ClientFailure(1, "cannot reach " + server + " (" + Optional.ofNullable(e.getMessage())
                    .orElse("connection refused") + ")");
        } catch (javax.net.ssl.SSLException e) {
            throw new ClientFailure(1, "TLS with " + server + " failed (" + e.getMessage()
                    + "); if its certificate is signed by your own CA, pass --ca ca.pem");
        }
    }

    private static Object json(HttpResponse<String> r) {
        String body = r.body();
        return body == null || body.isBlank() ? null : Json.parse(body);
    }
}

package org.tensormark.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The TensorMark REST API as the load test calls it: JSON answers, a session cookie per person
 * (signed in with a password, as the portal does), and any answer that is not a success turned
 * into a {@link Refused} naming the status.
 */
final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpApi(URI server) {
        this.server = server;
    }

    /** An answer that was not a success: its status and the server's words. */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }
    }

    /** Signs in with a password and returns the Cookie header that carries the session. */
    String signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/api/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password)))));
        return r.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow(() -> new IOException(username + " was signed in but the server set no session cookie"));
    }

    JsonNode get(String path, String cookie) throws IOException, InterruptedException {
        return JSON.readTree(send(request(path, cookie).GET()).body());
    }

    /** Posts a JSON body (null: none); the answer's JSON, or null for an empty answer. */
    JsonNode post(String path, String cookie, Object body) throws IOException, InterruptedException {
        return post(path, cookie, "application/json", body == null ? "" : JSON.writeValueAsString(body));
    }

    JsonNode post(String path, String cookie, String contentType, String body) throws IOException, InterruptedException {
        String answer = send(request(path, cookie).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))).body();
        return answer.isBlank() ? null : JSON.readTree(answer);
    }

    /** Sends as is and returns the answer whatever its status (a hand-in's answer is a figure, not a failure). */
    HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json");
        return cookie == null ? b : b.header("Cookie", cookie);
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = exchange(request.build());
        if (r.statusCode() / 100 != 2) {
            throw new Refused(r.statusCode(), r.body());
        }
        return r;
    }
}

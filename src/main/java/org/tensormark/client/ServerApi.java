package org.tensormark.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TensorMark REST API as the client calls it: JSON in and out, the personal token as a bearer
 * token, and every answer that is not a success turned into a {@link ClientFailure} with the
 * server's own sentence.
 *
 * <p>It speaks through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building an
 * HttpClient loads the JDK's TLS stack and starts its selector thread even for a plain-HTTP server,
 * which alone took longer than the half second a TA's {@code whoami} may take.
 */
final class ServerApi {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final String server;
    private final String token;
    private final SSLSocketFactory tls;

    ServerApi(String server, String token) {
        this(server, token, null);
    }

    /** A server whose TLS certificate is signed by the CA in the PEM file {@code ca} (null: the JDK's trust store). */
    ServerApi(String server, String token, Path ca) {
        this.server = server.replaceAll("/+$", "");
        this.token = token;
        this.tls = ca == null ? null : TrustedCa.context(ca).getSocketFactory();
    }

    String server() {
        return server;
    }

    Object get(String path) throws IOException {
        return json(send("GET", path, null, null));
    }

    String getText(String path) throws IOException {
        return send("GET", path, null, null).body();
    }

    Object post(String path, Object body) throws IOException {
        return json(send("POST", path, "application/json", body == null ? "" : Json.write(body)));
    }

    Object put(String path, Object body) throws IOException {
        return json(send("PUT", path, "application/json", Json.write(body)));
    }

    Object delete(String path) throws IOException {
        return json(send("DELETE", path, null, null));
    }

    /** Posts a text body (CSV); answers of status {@code alsoAccepted} are returned, not failures. */
    Object postText(String path, String contentType, String body, int alsoAccepted) throws IOException {
        return json(send("POST", path, contentType, body, alsoAccepted));
    }

    /**
     * Streams a file to {@code target}. When {@code from} bytes of it are already there the rest
     * is asked for with a range request; unless the server answers with exactly that range, the
     * whole file is fetched again and replaces what was there. True when the bytes were appended.
     */
    boolean download(String path, Path target, long from) throws IOException {
        HttpURLConnection c = open("GET", path);
        if (from > 0) {
            c.setRequestProperty("Range", "bytes=" + from + "-");
        }
        int status = status(c);
        boolean append = from > 0 && status == 206
                && Optional.ofNullable(c.getHeaderField("Content-Range")).orElse("").startsWith("bytes " + from + "-");
        if (from > 0 && !append) {
            c.disconnect();
            return download(path, target, 0);
        }
        if (status / 100 != 2) {
            throw ClientFailure.of(status, text(c.getErrorStream()));
        }
        try (InputStream in = c.getInputStream();
                OutputStream out = Files.newOutputStream(target, append
                        ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                        : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE})) {
            in.transferTo(out);
        }
        return append;
    }

    /** Signs in with a password and returns the session cookie's value. */
    String passwordLogin(String username, String password) throws IOException {
        Answer r = send("POST", "/api/auth/login", "application/json",
                Json.write(Map.of("username", username, "password", password)));
        return r.cookies().stream().filter(c -> c.startsWith("tm_session="))
                .map(c -> c.substring("tm_session=".length()).split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new ClientFailure(1, "the server signed you in but set no session"));
    }

    /** Makes a personal token from a session (the login's second step). */
    String tokenFromSession(String session, String name) throws IOException {
        HttpURLConnection c = open("POST", "/api/me/tokens");
        c.setRequestProperty("Cookie", "tm_session=" + session);
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = (Map<String, Object>) json(exchange(c, "application/json",
                Json.write(Map.of("name", name))));
        return (String) issued.get("token");
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A server's answer: its status, its Set-Cookie headers and its body as text. */
    private record Answer(int status, List<String> cookies, String body) {
    }

    private Answer send(String method, String path, String contentType, String body, int... alsoAccepted)
            throws IOException {
        return exchange(open(method, path), contentType, body, alsoAccepted);
    }

    private Answer exchange(HttpURLConnection c, String contentType, String body, int... alsoAccepted)
            throws IOException {
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setRequestProperty("Content-Type", contentType);
            // Buffered, not streamed: a streamed body makes HttpURLConnection throw on a 401 instead of returning it.
            c.setDoOutput(true);
            try (OutputStream out = guarded(c::getOutputStream)) {
                out.write(bytes);
            }
        }
        int status = status(c);
        boolean accepted = status / 100 == 2;
        for (int s : alsoAccepted) {
            accepted |= status == s;
        }
        String text = text(status / 100 == 2 ? c.getInputStream() : c.getErrorStream());
        if (!accepted) {
            throw ClientFailure.of(status, text);
        }
        return new Answer(status, Optional.ofNullable(c.getHeaderFields().get("Set-Cookie")).orElse(List.of()), text);
    }

    private HttpURLConnection open(String method, String path) throws IOException {
        URL url;
        try {
            url = URI.create(server + path).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ClientFailure(2, "'" + server + "' is not a server address (e.g. https://tensormark.example.edu)");
        }
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        if (c instanceof HttpsURLConnection https && tls != null) {
            https.setSSLSocketFactory(tls);
        }
        c.setRequestMethod(method);
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestProperty("Accept", "application/json, text/csv, */*");
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        return c;
    }

    /** The answer's status; connecting happens here, so this is where the network's failures are worded. */
    private int status(HttpURLConnection c) throws IOException {
        return guarded(c::getResponseCode);
    }

    private interface NetworkStep<T> {
        T run() throws IOException;
    }

    private <T> T guarded(NetworkStep<T> step) throws IOException {
        try {
            return step.run();
        } catch (ConnectException e) {
            throw new ClientFailure(1, "cannot reach " + server + " (" + Optional.ofNullable(e.getMessage())
                    .orElse("connection refused") + ")");
        } catch (SSLException e) {
            throw new ClientFailure(1, "TLS with " + server + " failed (" + e.getMessage()
                    + "); if its certificate is signed by your own CA, pass --ca ca.pem");
        }
    }

    private static String text(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Object json(Answer r) {
        String body = r.body();
        return body == null || body.isBlank() ? null : Json.parse(body);
    }
}

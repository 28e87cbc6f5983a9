package org.tensormark.submission;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tensormark.identity.WarmUpSecret;

/**
 * The first uploads this server reads, sent by itself as it starts rather than by the first
 * student: {@link #REQUESTS} hand-ins over loopback, on HTTP/1.1 and on HTTP/2 (cleartext, as
 * Java's client asks for it), each a {@code multipart/form-data} body with a code and a report part
 * the size of a hand-in's, signed in with a secret made for them ({@link WarmUpSecret}: an identity
 * of no account) and sent to an assignment that does not exist. Each is read to its end as an
 * upload is (the parts to temporary files), reaches the intake and is answered 404 in JSON as any
 * request for a missing assignment is; nothing is stored. The intake's own work past that point is the
 * worker's warm-up's to rehearse ({@code HandinRehearsal}). Without it the first upload after a
 * start read its parts and built its answer with cold code, and what the JIT then compiled ran
 * beside the first hand-in's job on the same CPUs: during the first A1 hand-in of a start, on a
 * 2-CPU host, the thread serving the upload used about 35 ms more CPU than for the sixth or tenth,
 * the compiler 10-40 ms more and the event loop 4-9 ms more (README "Measuring").
 */
@ApplicationScoped
public class UploadWarmUp {

    private static final Logger LOG = Logger.getLogger(UploadWarmUp.class);

    /** Hand-ins sent on each HTTP version. */
    static final int REQUESTS = 10;

    /** The assignment they are sent to: no assignment's id (ids are letters, digits, '-' and '_'). */
    static final String ASSIGNMENT = "~warm-up";

    /** The size of each part: A1's solution is about 6 KB, a report tens of KB. */
    static final int CODE_BYTES = 8 << 10;
    static final int REPORT_BYTES = 64 << 10;

    private static final String BOUNDARY = "tensormark-warm-up-boundary";
    private static final List<HttpClient.Version> VERSIONS = List.of(HttpClient.Version.HTTP_1_1,
            HttpClient.Version.HTTP_2);

    private final boolean enabled;
    private final ValueRegistry registry;
    private final WarmUpSecret secret;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    /** How often each status answered, per HTTP version; "failed" counts requests that got no answer. */
    private final Map<String, Integer> answers = new TreeMap<>();

    UploadWarmUp(@ConfigProperty(name = "tensormark.http-warm-up", defaultValue = "true") boolean enabled,
            ValueRegistry registry, WarmUpSecret secret) {
        this.enabled = enabled;
        this.registry = registry;
        this.secret = secret;
    }

    /** Quarkus tells this once the HTTP server listens (after the start, on a thread of its own). */
    void onListening(@ObservesAsync HttpServerStart start) {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        if (!enabled) {
            done.countDown();
            return;
        }
        Integer port = start.options().getPort() > 0 ? start.options().getPort() : registry.get(HttpServer.HTTP_PORT);
        if (port == null) { // not told where it listens: the first student's upload is read cold, as before
            LOG.debug("HTTP warm-up: the server's port is not known");
            done.countDown();
            return;
        }
        URI address = URI.create("http://" + loopbackFor(start.options().getHost()) + ":" + port + "/api/assignments/"
                + ASSIGNMENT + "/submissions");
        Thread warm = new Thread(() -> {
            long started = System.nanoTime();
            String token = secret.open();
            try {
                send(address, token);
                LOG.debugf("HTTP warm-up: %d uploads to %s answered %s in %d ms", REQUESTS * VERSIONS.size(), address,
                        answers(), (System.nanoTime() - started) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                secret.close();
                done.countDown();
            }
        }, "tensormark-http-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * The host to reach a server listening on {@code host} from this machine: the loopback address
     * where it listens on every interface, else the address it listens on.
     */
    static String loopbackFor(String host) {
        if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private void send(URI address, String token) throws InterruptedException {
        byte[] body = body();
        for (HttpClient.Version version : VERSIONS) {
            HttpClient http = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < REQUESTS; i++) {
                String answer;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    answer = Integer.toString(r.statusCode());
                } catch (IOException e) { // the first student's upload is then read cold, as before; nothing fails
                    LOG.debugf("HTTP warm-up: %s: %s", address, e.toString());
                    answer = "failed";
                }
                synchronized (answers) {
                    answers.merge(version + " " + answer, 1, Integer::sum);
                }
            }
        }
    }

    private static byte[] body() {
        Map<String, Multipart.Part> parts = new LinkedHashMap<>();
        parts.put("code", new Multipart.Part("handin.py", "text/x-python", filler("# warm-up\n", CODE_BYTES)));
        parts.put("report", new Multipart.Part("report.pdf", "application/pdf", filler("%PDF-1.4 warm-up\n", REPORT_BYTES)));
        return Multipart.of(BOUNDARY, parts);
    }

    private static byte[] filler(String line, int size) {
        byte[] one = line.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[size];
        for (int i = 0; i < size; i++) {
            all[i] = one[i % one.length];
        }
        return all;
    }

    /** Whether the server has begun listening, and so the warm-up (or its being switched off). */
    public boolean begun() {
        return begun.get();
    }

    /** Waits at most {@code within} for the warm-up to end; true when it has (or is switched off). */
    public boolean await(Duration within) throws InterruptedException {
        return done.await(within.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How often each answer came, as "HTTP_1_1 404" → 10, in that order; "failed" for a request that got none. */
    public Map<String, Integer> answers() {
        synchronized (answers) {
            return Collections.unmodifiableMap(new TreeMap<>(answers));
        }
    }
}

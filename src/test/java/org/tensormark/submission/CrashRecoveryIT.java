package org.tensormark.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.database.EmbeddedDatabase;

/**
 * 50 concurrent uploads while the packaged server is killed with SIGKILL and restarted: every
 * receipt a client got has its submission with matching sha256s, no submission lacks its blobs,
 * and retried Idempotency-Keys never make a second hand-in. Runs against the real jar.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STUDENTS = {"alice", "bob", "carol", "dave"};
    private static final int UPLOADS = 50;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aJobWhoseWorkerIsKilledMidRunIsReleasedAndScoredExactlyOnce() throws Exception {
        // The sandbox's unprivileged user must pass through the directories above its job.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String[] fastLeases = {"-Dtensormark.worker.slots=1", "-Dtensormark.queue.lease=PT3S",
                    "-Dtensormark.queue.heartbeat=PT1S"};
            Process first = startServer(db, port, fastLeases);
            String base = "http://127.0.0.1:" + port;
            String token = token(base, "alice");
            byte[] slow = ("import time\nimport numpy as np\n\ndef softmax(x):\n    time.sleep(3)\n"
                    + "    e = np.exp(x - x.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1, keepdims=True)\n\n"
                    + "def relu(x):\n    return np.maximum(x, 0)\n").getBytes(StandardCharsets.UTF_8);
            String boundary = "----tmslow";
            HttpResponse<String> receipt = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/assignments/demo-open/submissions")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, slow))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = JSON.readTree(receipt.body()).get("submissionId").asText();
            waitForStatus(base, token, id, "running", 60);
            first.toHandle().destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            Process second = startServer(db, port, fastLeases);
            try {
                waitForStatus(base, token, id, "scored", 120);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    ResultSet rs = c.createStatement().executeQuery("select j.attempts, j.state,"
                            + " (select count(*) from grading_result r where r.submission_id = j.submission_id)"
                            + " from grading_job j where j.submission_id = '" + id + "'")) {
                assertTrue(rs.next());
                System.out.printf("worker crash: job re-leased and scored after %d attempts, %d result(s)%n",
                        rs.getInt(1), rs.getInt(3));
                assertEquals(2, rs.getInt(1), "claimed by the killed worker, then by the new one");
                assertEquals("done", rs.getString(2));
                assertEquals(1, rs.getInt(3), "scored exactly once");
            }
        }
    }

    private void waitForStatus(String base, String token, String id, String status, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/submissions/" + id
                        + "/result")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && status.equals(JSON.readTree(r.body()).path("status").asText())) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hand-in " + id + " never reached '" + status + "'; last answer: " + last);
    }

    @Test
    void receiptsSurviveASigkillMidUpload() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process server = startServer(db, port);
            String base = "http://127.0.0.1:" + port;
            Map<String, String> tokens = new ConcurrentHashMap<>();
            for (String s : STUDENTS) {
                tokens.put(s, token(base, s));
            }
            Map<String, JsonNode> receipts = new ConcurrentHashMap<>();
            Map<String, String> sentSha = new ConcurrentHashMap<>();
            AtomicInteger beforeKill = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                int n = i;
                clients.add(pool.submit(() -> upload(base, tokens.get(STUDENTS[n % 4]), n, receipts, sentSha, beforeKill)));
            }
            long waitUntil = System.currentTimeMillis() + 30_000;
            while (receipts.size() < 15 && System.currentTimeMillis() < waitUntil) {
                Thread.sleep(20);
            }
            int atKill = receipts.size();
            server.toHandle().destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            Process restarted = startServer(db, port);
            try {
                for (Future<?> f : clients) {
                    f.get(180, TimeUnit.SECONDS);
                }
                pool.shutdown();
                long replayed = receipts.values().stream().filter(r -> r.path("replayed").asBoolean()).count();
                System.out.printf("crash recovery: %d uploads, %d receipts before the SIGKILL, %d in all after restart,"
                        + " %d of them replays of a hand-in committed before the client heard back%n",
                        UPLOADS, atKill, receipts.size(), replayed);
                verify(db, receipts, sentSha);
            } finally {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process startServer(EmbeddedDatabase db, int port) throws Exception {
        return startServer(db, port, "-Dtensormark.worker.slots=0");
    }

    Process startServer(EmbeddedDatabase db, int port, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Dai.djl.offline=true", "-Dtensormark.http.port=" + port,
                "-Dtensormark.demo.enabled=true", "-Dtensormark.storage.blobs=" + dir.resolve("blobs"),
                "-Dtensormark.data-dir=" + dir, "-Dtensormark.worker.jobs-dir=" + dir.resolve("jobs")));
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar", "serve"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(Path.of("target", "it-server-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("TENSORMARK_DB_URL", db.jdbcUrl());
        pb.environment().put("TENSORMARK_DB_USER", db.user());
        pb.environment().put("TENSORMARK_DB_PASSWORD", db.password());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the server did not start within 120 s");
    }

    String token(String base, String user) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + user + "-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/me/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).get("token").asText();
    }

    /** Uploads until a receipt comes back, retrying with the same key through the crash. */
    private Void upload(String base, String token, int n, Map<String, JsonNode> receipts, Map<String, String> sentSha,
            AtomicInteger done) throws Exception {
        Thread.sleep(40L * n);
        String key = "crash-" + n + "-" + UUID.randomUUID();
        byte[] code = ("def forward(x):\n    return x * " + n + "\n").getBytes(StandardCharsets.UTF_8);
        sentSha.put(key, sha256(code));
        String boundary = "----tm" + n;
        byte[] body = multipart(boundary, code);
        long deadline = System.currentTimeMillis() + 170_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/assignments/demo-open/submissions"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 201) {
                    receipts.put(key, JSON.readTree(r.body()));
                    done.incrementAndGet();
                    return null;
                }
                if (r.statusCode() < 500) {
                    throw new AssertionError("upload " + n + " refused: " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("upload " + n + " never got a receipt");
    }

    private static byte[] multipart(String boundary, byte[] code) {
        String pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        String text = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"code\"; filename=\"net.py\"\r\n"
                + "Content-Type: text/x-python\r\n\r\n" + new String(code, StandardCharsets.UTF_8) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n" + pdf + "\r\n--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void verify(EmbeddedDatabase db, Map<String, JsonNode> receipts, Map<String, String> sentSha) throws Exception {
        assertEquals(UPLOADS, receipts.size());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            for (Map.Entry<String, JsonNode> e : receipts.entrySet()) {
                String id = e.getValue().get("submissionId").asText();
                try (ResultSet rs = c.createStatement().executeQuery("select count(*) from submission where idempotency_key = '"
                        + e.getKey() + "'")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "one submission per idempotency key");
                }
                try (ResultSet rs = c.createStatement().executeQuery("select role, sha256 from submission_file"
                        + " where submission_id = '" + id + "'")) {
                    int files = 0;
                    while (rs.next()) {
                        files++;
                        String sha = rs.getString(2);
                        assertTrue(Files.isRegularFile(dir.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha)),
                                "blob " + sha + " is on disk");
                        if (rs.getString(1).equals("code")) {
                            assertEquals(sentSha.get(e.getKey()), sha, "stored code matches what was sent");
                        }
                    }
                    assertEquals(2, files, "submission " + id + " has its two files");
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from submission s where not exists"
                    + " (select 1 from submission_file f where f.submission_id = s.id)"
                    + " or not exists (select 1 from grading_job j where j.submission_id = s.id)")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no submission without files or grading job");
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package org.tensormark.spike;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tensormark.submission.Multipart;

/**
 * The benchmark's class as students see it: a copy of the course folder whose A1 is open now
 * (released a day ago, due in a week, everything else as shipped), and hand-ins sent over HTTP as
 * a student's browser sends them, one multipart upload each.
 */
final class SpikeClass {

    static final Path ASSIGNMENTS = Path.of("assignments");
    private static final String BOUNDARY = "tensormark-spike-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final ObjectMapper json;

    SpikeClass(int port, ObjectMapper json) {
        this.port = port;
        this.json = json;
    }

    /** A temporary course folder holding the nndl course with A1 open now, and the demo course's open assignment. */
    static Path openCourseFolder() throws IOException {
        Path dir = Files.createTempDirectory("tensormark-spike-course");
        Files.copy(ASSIGNMENTS.resolve("course.yaml"), dir.resolve("course.yaml"));
        Files.copy(ASSIGNMENTS.resolve("demo.course.yaml"), dir.resolve("demo.course.yaml"));
        copyTree(ASSIGNMENTS.resolve("a1"), dir.resolve("a1"));
        copyTree(ASSIGNMENTS.resolve("demo-open"), dir.resolve("demo-open"));
        Path yaml = dir.resolve("a1").resolve("assignment.yaml");
        String opened = Files.readString(yaml).replaceFirst("(?m)^release: .*$", "release: \"-1d\"")
                .replaceFirst("(?m)^due: .*$", "due: \"+7d\"");
        Files.writeString(yaml, opened);
        return dir;
    }

    /** Hands in {@code code} and {@code report} to {@code assignment} with {@code token}; returns the receipt's submission id. */
    UUID handIn(String token, String assignment, Path code, Path report) throws IOException, InterruptedException {
        return upload(URI.create("http://127.0.0.1:" + port + "/api/assignments/" + assignment + "/submissions"), token,
                code, report);
    }

    /**
     * The students' side's first uploads, {@code times} of them, each sent to a stand-in server of
     * this process's own that reads it and answers as the platform does (201 and a receipt), and
     * stores nothing: the client's first multipart POSTs and the reading of their answers are then
     * made during the warm-up, not beside the first hand-in's job (this process shares the host's
     * CPUs with the platform, as no student's browser does), and the platform sees nothing of them.
     */
    void warmUpUploads(Path code, Path report, int times) throws IOException, InterruptedException {
        HttpServer standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] receipt = ("{\"submissionId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, receipt.length);
                exchange.getResponseBody().write(receipt);
            }
        });
        standIn.start();
        try {
            URI upload = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort() + "/api/assignments/a1/submissions");
            for (int i = 0; i < times; i++) {
                upload(upload, "stand-in", code, report);
            }
        } finally {
            standIn.stop(0);
        }
    }

    private UUID upload(URI to, String token, Path code, Path report) throws IOException, InterruptedException {
        Map<String, Multipart.Part> parts = new LinkedHashMap<>();
        parts.put("code", new Multipart.Part(code.getFileName().toString(), "text/x-python", Files.readAllBytes(code)));
        parts.put("report", new Multipart.Part(report.getFileName().toString(), "application/pdf", Files.readAllBytes(report)));
        byte[] body = Multipart.of(BOUNDARY, parts);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(to)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "spike-" + UUID.randomUUID())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("hand-in to " + to.getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return UUID.fromString(json.readTree(r.body()).get("submissionId").asText());
    }

    /** Asks the server's readiness {@code times} times, as a load balancer probes a started server; fails unless it is ready. */
    void probeReadiness(int times) throws IOException, InterruptedException {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the server is not ready: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

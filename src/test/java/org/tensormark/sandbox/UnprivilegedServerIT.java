package org.tensormark.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged server as root exactly as the README does ({@code bin/tensormark serve --demo}, in
 * an installation made of this build, its harness and its assignments) and checks that the
 * server and its PostgreSQL run unprivileged while the root sandbox launcher grades a hand-in end
 * to end, and that the launcher goes when the server goes.
 */
class UnprivilegedServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void asRootTheServerDropsToItsOwnUserAndStillGradesThroughTheLauncher() throws Exception {
        Path install = installation();
        Path leftByRoot = Files.writeString(Files.createDirectories(install.resolve("data/jobs")).resolve("left-by-root"), "");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(install.resolve("bin/tensormark").toString(), "serve", "--demo")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "it-unprivileged-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("TENSORMARK_HTTP_PORT", Integer.toString(port));
        Process server = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(base, server);
            int tensormark = uid(server.pid());
            assertNotEquals(0, tensormark, "the server JVM runs as an unprivileged user");
            assertTrue(status(server.pid()).contains("NoNewPrivs:\t1"), status(server.pid()));
            assertTrue(status(server.pid()).contains("CapEff:\t0000000000000000"), status(server.pid()));
            assertEquals(tensormark, Files.getAttribute(leftByRoot, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    "what an earlier run as root left in data/ was handed over");
            ProcessHandle launcher = descendant(server, "sandbox-launcher").orElseThrow();
            assertEquals(0, uid(launcher.pid()), "only the sandbox launcher keeps root");
            Path socket = Path.of(command(launcher).replaceAll(".* --socket (\\S+) .*", "$1"));
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), socket.toString());
            long postmaster = Long.parseLong(Files.readAllLines(install.resolve("data/postgres/postmaster.pid")).get(0).strip());
            assertEquals(tensormark, uid(postmaster), "the embedded PostgreSQL runs as the server's user");

            JsonNode result = handInAndAwaitScore(base, install.resolve("assignments/demo-open/solution"));
            int automatic = 0;
            for (JsonNode check : result.get("checks")) {
                if (!check.get("kind").asText().equals("manual")) {
                    assertEquals("passed", check.get("status").asText(), "the solution passes " + check);
                    automatic++;
                }
            }
            assertTrue(automatic >= 3, "the code ran in the sandbox and the report was read: " + result);

            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
            assertTrue(launcher.onExit().get(30, TimeUnit.SECONDS) != null && !launcher.isAlive(),
                    "the launcher ends with the server");
            assertFalse(Files.exists(socket.getParent()), "the launcher removed its socket and its folder");
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    /**
     * A TensorMark folder as a clone has it: bin/, this build, the harness and the assignments,
     * copied with their times (so bin/tensormark finds nothing newer than the build) into a folder
     * every user may enter, wherever this checkout lives (a clone under /root is closed to the
     * server's user).
     */
    private Path installation() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path install = Files.createDirectory(dir.resolve("tensormark"));
        Files.createDirectories(install.resolve("bin"));
        for (String script : new String[] {"tensormark", "setup-os"}) {
            Files.copy(Path.of("bin", script), install.resolve("bin").resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(install.resolve("target"));
        copy(Path.of("target/quarkus-app"), install.resolve("target"));
        copy(Path.of("graders"), install);
        copy(Path.of("assignments"), install);
        return install;
    }

    private static void copy(Path from, Path into) throws IOException {
        try {
            Process cp = new ProcessBuilder("cp", "-a", from.toAbsolutePath().toString(), into.toString())
                    .redirectErrorStream(true).start();
            String out = new String(cp.getInputStream().readAllBytes());
            if (cp.waitFor() != 0) {
                throw new IOException("cp -a " + from + " " + into + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + from, e);
        }
    }

    private JsonNode handInAndAwaitScore(String base, Path solution) throws Exception {
        String token = token(base);
        String boundary = "----tmprivilege";
        byte[] body = multipart(boundary, Files.readAllBytes(solution.resolve("handin.py")),
                Files.readAllBytes(solution.resolve("report.pdf")));
        HttpResponse<String> receipt = http.send(HttpRequest.newBuilder(URI.create(base + "/api/assignments/demo-open/submissions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, receipt.statusCode(), receipt.body());
        String id = JSON.readTree(receipt.body()).get("submissionId").asText();
        long deadline = System.currentTimeMillis() + 180_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/submissions/" + id + "/result"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (r.statusCode() == 200 && "scored".equals(JSON.readTree(last).path("status").asText())) {
                return JSON.readTree(last);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the hand-in was never scored; last answer: " + last);
    }

    private String token(String base) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(login.body()))
                .split(";")[0];
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/me/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"privilege\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).get("token").asText();
    }

    private static byte[] multipart(String boundary, byte[] code, byte[] pdf) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"code\"; filename=\"handin.py\"\r\n"
                + "Content-Type: text/x-python\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] middle = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(code);
        out.writeBytes(middle);
        out.writeBytes(pdf);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private void awaitReady(String base, Process server) throws Exception {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("bin/tensormark serve did not become ready (alive: " + server.isAlive() + ")");
    }

    private static Optional<ProcessHandle> descendant(Process server, String marker) {
        return server.descendants().filter(p -> command(p).contains(marker)).findFirst();
    }

    private static String command(ProcessHandle p) {
        return p.info().commandLine().orElse("");
    }

    private static int uid(long pid) throws IOException {
        String line = status(pid).lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        String[] ids = line.substring(4).trim().split("\\s+");
        assertEquals(ids[0], ids[1], "real and effective uid agree: " + line);
        return Integer.parseInt(ids[1]);
    }

    private static String status(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/status"));
    }
}

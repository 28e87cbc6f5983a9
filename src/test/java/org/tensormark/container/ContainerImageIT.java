package org.tensormark.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the TensorMark container image from this build with {@code tensormark container-image
 * build} (no Docker engine, no registry), checks the archive as a registry client would (every blob
 * matches its digest, the config lists the layers' uncompressed digests, OCI index and Docker
 * manifest agree), then unpacks it and starts the server from it as the image's own user.
 */
class ContainerImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theImageIsAValidOciArchiveAndItsServerAnswersAsTheUnprivilegedUser() throws Exception {
        Path out = Path.of("target/images");
        Process build = new ProcessBuilder("java", "-Dai.djl.offline=true", "-jar", "target/quarkus-app/quarkus-run.jar",
                "container-image", "build", "--out", out.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/it-container-image-build.log").toFile()).start();
        assertTrue(build.waitFor(25, TimeUnit.MINUTES), "the image build ended");
        assertEquals(0, build.exitValue(), Files.readString(Path.of("target/it-container-image-build.log")));

        Path layout = Files.createDirectory(dir.resolve("layout"));
        untar(out.resolve("tensormark.oci.tar"), layout);
        assertEquals("1.0.0", JSON.readTree(layout.resolve("oci-layout").toFile()).path("imageLayoutVersion").asText());
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifestRef = index.path("manifests").path(0);
        assertEquals("docker.io/tensormark/tensormark:latest", manifestRef.path("annotations").path("io.containerd.image.name").asText());
        JsonNode manifest = JSON.readTree(blob(layout, manifestRef));
        JsonNode config = JSON.readTree(blob(layout, manifest.path("config")));
        JsonNode docker = JSON.readTree(layout.resolve("manifest.json").toFile()).path(0);
        assertEquals("blobs/sha256/" + manifest.path("config").path("digest").asText().substring(7), docker.path("Config").asText());

        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < manifest.path("layers").size(); i++) {
            JsonNode layer = manifest.path("layers").path(i);
            Path file = layout.resolve("blobs/sha256/" + layer.path("digest").asText().substring(7));
            blob(layout, layer);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                assertEquals(config.path("rootfs").path("diff_ids").path(i).asText(), sha256(in),
                        "layer " + i + "'s uncompressed digest is the config's diff_id");
            }
            assertEquals("blobs/sha256/" + file.getFileName(), docker.path("Layers").path(i).asText());
            layers.add(file);
        }
        assertEquals(2, layers.size(), "a Debian base and the application");
        JsonNode runtime = config.path("config");
        assertEquals("10001:10001", runtime.path("User").asText(), "the image's default user is not root");
        assertEquals("[\"/opt/tensormark/bin/tensormark\"]", runtime.path("Entrypoint").toString());
        assertEquals("[\"serve\"]", runtime.path("Cmd").toString());

        // the image's user must reach its root: JUnit's temporary folder is root's alone
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectory(dir.resolve("root"));
        for (Path layer : layers) {
            Process tar = new ProcessBuilder("tar", "-xzf", layer.toString(), "-C", root.toString(), "--exclude=./dev/*",
                    "--exclude=dev/*").inheritIO().start();
            assertEquals(0, tar.waitFor());
        }
        for (String file : List.of("usr/bin/bwrap", "usr/bin/setpriv", "usr/bin/java", "opt/tensormark/bin/tensormark",
                "opt/tensormark/target/quarkus-app/quarkus-run.jar", "opt/tensormark/graders/python/tensormark_harness.py")) {
            assertTrue(Files.exists(root.resolve(file)), "the image holds /" + file);
        }
        assertTrue(Files.isExecutable(root.resolve("opt/tensormark/bin/tensormark")));
        assertEquals(10001, Files.getAttribute(root.resolve("var/lib/tensormark"), "unix:uid"),
                "the data folder belongs to the image's user");
        assertEquals(0, run(root, List.of(), "/usr/bin/bwrap", "--version"), "bubblewrap runs in the image");
        // what every container runtime (Docker, containerd, CRI-O) writes into a container; the
        // embedded PostgreSQL listens on "localhost"
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> env = new ArrayList<>();
        runtime.path("Env").forEach(e -> env.add(e.asText()));
        env.add("TENSORMARK_HTTP_PORT=" + port);
        env.add("TENSORMARK_WORKER_SLOTS=0");
        Process server = start(root, env, "/opt/tensormark/bin/tensormark", "serve");
        try {
            awaitReady("http://127.0.0.1:" + port, server);
            ProcessHandle jvm = server.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow();
            String status = Files.readString(Path.of("/proc/" + jvm.pid() + "/status"));
            assertTrue(status.matches("(?s).*\\nUid:\\s+10001\\s.*"), "the server runs as uid 10001: " + status);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The image's root run as its user 10001 (unprivileged bubblewrap, host network for the test's port). */
    private static List<String> sandbox(Path root, List<String> env, String... command) {
        List<String> c = new ArrayList<>(List.of("setpriv", "--reuid=10001", "--regid=10001", "--clear-groups", "--",
                "bwrap", "--unshare-user", "--unshare-pid", "--die-with-parent", "--bind", root.toString(), "/",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/dev/shm", "--chdir", "/opt/tensormark",
                "--clearenv"));
        for (String e : env) {
            int eq = e.indexOf('=');
            c.addAll(List.of("--setenv", e.substring(0, eq), e.substring(eq + 1)));
        }
        c.addAll(List.of(command));
        return c;
    }

    private static int run(Path root, List<String> env, String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(sandbox(root, env, command)).inheritIO().start().waitFor();
    }

    private static Process start(Path root, List<String> env, String... command) throws IOException {
        return new ProcessBuilder(sandbox(root, env, command)).redirectErrorStream(true)
                .redirectOutput(Path.of("target/it-container-image-server.log").toFile()).start();
    }

    private static void awaitReady(String base, Process server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "the server in the image exited: "
                    + Files.readString(Path.of("target/it-container-image-server.log")));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready in 240 s: " + Files.readString(Path.of("target/it-container-image-server.log")));
    }

    /** The blob a descriptor names, after checking its size and digest. */
    private static byte[] blob(Path layout, JsonNode descriptor) throws Exception {
        Path file = layout.resolve("blobs/sha256/" + descriptor.path("digest").asText().substring(7));
        assertEquals(descriptor.path("size").asLong(), Files.size(file), "size of " + file.getFileName());
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(descriptor.path("digest").asText(), sha256(in), "digest of " + file.getFileName());
        }
        return Files.size(file) < 1 << 20 ? Files.readAllBytes(file) : new byte[0];
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0;) {
            sha.update(buffer, 0, n);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void untar(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
            }
        }
    }
}

package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server on another machine whose certificate the university's own CA signed: made here as a
 * self-signed certificate (keytool) on a small HTTPS server that answers {@code /api/me}.
 */
class ClientTlsTest {

    private Path folder;
    private HttpsServer server;

    @BeforeEach
    void aServerWithASelfSignedCertificate() throws Exception {
        folder = Files.createTempDirectory("tm-tls");
        Path store = folder.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", folder.resolve("ca.pem").toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/me", exchange -> {
            byte[] me = "{\"username\":\"tom\",\"displayName\":\"Tom TA\",\"courses\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, me.length);
            exchange.getResponseBody().write(me);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    @Test
    void aServerSignedByAnUnknownCaIsRefusedWithAHintAndTrustedWithCaWhichTheLoginRemembers() throws IOException {
        Path config = folder.resolve("config").resolve("config.json");
        CliRun refused = CliRun.run(config, "", "login", url(), "--token", "tm_t");
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("tensormark login: TLS with " + url() + " failed") && refused.err()
                .contains("pass --ca ca.pem"), refused.err());

        CliRun login = CliRun.run(config, "", "login", url(), "--token", "tm_t", "--ca",
                folder.resolve("ca.pem").toString());
        assertEquals(0, login.code(), login.err());
        CliRun who = CliRun.run(config, "", "whoami");
        assertEquals(0, who.code(), who.err());
        assertTrue(who.out().startsWith("tom (Tom TA) on " + url()), who.out());
    }

    @Test
    void aCaFileThatIsNotAPemCertificateIsAWrongCommandLine() throws IOException {
        Path config = folder.resolve("config").resolve("config.json");
        Path notPem = Files.writeString(folder.resolve("notes.txt"), "not a certificate");
        CliRun run = CliRun.run(config, "", "login", url(), "--token", "tm_t", "--ca", notPem.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("is not a PEM certificate") || run.err().contains("holds no PEM certificate"),
                run.err());
    }
}

package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensormark.identity.TestLogins;

/** Runs the client in-process with its own terminal and config file, as a TA would on their machine. */
record CliRun(int code, String out, String err) {

    static CliRun run(Path config, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClientMain.run(args, new Session.Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(stdin)),
                Map.of("TENSORMARK_CONFIG", config.toString())));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A config file logged in to {@code server} as {@code username} (whose password is {@code <username>-demo}). */
    static Path loggedIn(URL server, String username) throws IOException {
        Path config = Files.createTempDirectory("tm-client").resolve("tensormark").resolve("config.json");
        CliRun login = run(config, "", "login", server.toString(), "--token", TestLogins.token(username));
        assertEquals(0, login.code(), login.err());
        return config;
    }
}

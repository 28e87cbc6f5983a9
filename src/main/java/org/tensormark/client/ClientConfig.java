package org.tensormark.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the client keeps the server it logged in to and its personal API token:
 * {@code $XDG_CONFIG_HOME/tensormark/config.json} (else {@code ~/.config/tensormark/config.json}),
 * or the file {@code TENSORMARK_CONFIG} names. The file is readable by its owner only (0600, in a
 * 0700 folder); it is written to a private temporary file first and renamed, so it is never
 * readable by others, not even for a moment.
 */
record ClientConfig(Path file) {

    /**
     * A login: the server's base URL, the token and the username it belongs to, and the PEM file
     * of the CA that signed the server's certificate when it is not one the JDK trusts (else null).
     */
    record Login(String server, String token, String username, String ca) {
    }

    static ClientConfig fromEnvironment(Map<String, String> env) {
        if (env.get("TENSORMARK_CONFIG") != null) {
            return new ClientConfig(Path.of(env.get("TENSORMARK_CONFIG")));
        }
        Path base = env.get("XDG_CONFIG_HOME") != null ? Path.of(env.get("XDG_CONFIG_HOME"))
                : Path.of(System.getProperty("user.home"), ".config");
        return new ClientConfig(base.resolve("tensormark").resolve("config.json"));
    }

    Optional<Login> login() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(file));
        if (json.get("server") == null || json.get("token") == null) {
            return Optional.empty();
        }
        return Optional.of(new Login((String) json.get("server"), (String) json.get("token"),
                (String) json.get("username"), (String) json.get("ca")));
    }

    void save(Login login) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", login.server());
        json.put("token", login.token());
        json.put("username", login.username());
        if (login.ca() != null) {
            json.put("ca", login.ca());
        }
        Path temp = Files.createTempFile(dir, ".config", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, Json.write(json) + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Forgets the login; true when there was one. */
    boolean forget() throws IOException {
        return Files.deleteIfExists(file);
    }
}

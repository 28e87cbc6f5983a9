package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void theConfigFileIsReadableByItsOwnerOnlyEvenWhenItReplacesAWorldReadableOne() throws IOException {
        Path dir = Files.createTempDirectory("tm-config");
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ClientConfig config = new ClientConfig(file);
        config.save(new ClientConfig.Login("https://tm.example.edu", "tm_secret\"quoted", "tom", null));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(new ClientConfig.Login("https://tm.example.edu", "tm_secret\"quoted", "tom", null)),
                config.login());
    }

    @Test
    void theConfigLivesUnderXdgConfigHomeOrWhereTensormarkConfigSays() {
        assertEquals(Path.of("/x/tensormark/config.json"),
                ClientConfig.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/x")).file());
        assertEquals(Path.of("/y.json"), ClientConfig.fromEnvironment(Map.of("TENSORMARK_CONFIG", "/y.json")).file());
    }
}

package org.tensormark.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the client offers a shell without a server: help with examples and bash completion. */
class ClientShellTest {

    private static Path config() throws IOException {
        return Files.createTempDirectory("tm-client").resolve("config.json");
    }

    /** What bash completes for the last of {@code words}, with the script loaded. */
    private static String complete(String script, String... words) throws IOException, InterruptedException {
        Path file = Files.writeString(Files.createTempFile("completion", ".bash"), script);
        String line = "source " + file + "; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD="
                + (words.length - 1) + "; _tensormark; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }

    @Test
    void bashCompletionCompletesCommandsSubcommandsAndEachCommandsOptions() throws Exception {
        CliRun made = CliRun.run(config(), "", "completion", "bash");
        assertEquals(0, made.code(), made.err());
        assertEquals("roster", complete(made.out(), "tensormark", "ros"));
        assertEquals("roster regrade rescore release-hidden", complete(made.out(), "tensormark", "r"));
        assertEquals("import", complete(made.out(), "tensormark", "roster", "im"));
        assertEquals("--counted-only", complete(made.out(), "tensormark", "handins", "download", "a1", "--co"));
        assertEquals("--per-check", complete(made.out(), "tensormark", "gradebook", "export", "c", "--pe"));
        assertEquals(2, CliRun.run(config(), "", "completion", "zsh").code());
    }

    @Test
    void helpListsEveryCommandWithAnExampleAndEachCommandHasItsOwn() throws IOException {
        CliRun help = CliRun.run(config(), "", "--help");
        assertEquals(0, help.code(), help.err());
        for (String command : ClientMain.commands()) {
            assertTrue(help.out().contains("  tensormark " + command), command + " is missing from:\n" + help.out());
            CliRun own = CliRun.run(config(), "", command, "--help");
            assertEquals(0, own.code(), command);
            assertTrue(own.out().contains("example:\n  tensormark " + command.split(" ")[0])
                    || own.out().contains("example:\n  source <(tensormark " + command), own.out());
        }
        assertEquals(help.out().lines().filter(l -> l.startsWith("      e.g. ")).count(), ClientMain.commands().size());
    }
}

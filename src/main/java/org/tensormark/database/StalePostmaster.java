package org.tensormark.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * After TensorMark was killed (SIGKILL, power loss of the JVM only), its embedded PostgreSQL may
 * still run on the data directory. It is asked to shut down (fast mode, which is crash-safe)
 * before a new server starts there.
 */
final class StalePostmaster {

    private StalePostmaster() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        System.out.println("TensorMark: stopping the embedded PostgreSQL (pid " + pid + ") left by a previous run");
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (process.get().isAlive()) {
            throw new IOException("the PostgreSQL left running on " + dataDirectory + " (pid " + pid
                    + ") did not stop within 60 s; stop it and start again");
        }
    }
}

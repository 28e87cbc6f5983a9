package org.tensormark.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetches one hand-in file so that an interruption never leaves a wrong file under its name: the
 * bytes go to {@code name.part}, are checked against the server's sha256 and only then renamed.
 * A {@code .part} left by an interrupted run is continued, not started again.
 */
final class HandinDownload {

    /** What fetching one file took. */
    enum Done { DOWNLOADED, RESUMED, PRESENT }

    private final ServerApi api;

    HandinDownload(ServerApi api) {
        this.api = api;
    }

    Done fetch(HandinCommands.RemoteFile f) throws IOException {
        if (Files.isRegularFile(f.target()) && f.sha256().equals(sha256(f.target()))) {
            return Done.PRESENT;
        }
        HandinCommands.ensureFolder(f.target());
        Path part = f.part();
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        boolean resumed = api.download(f.path(), part, have > 0 && have < f.size() ? have : 0);
        if (!f.sha256().equals(sha256(part))) {
            // what the interrupted run left was not a prefix of this file, or the transfer broke: once more, whole
            api.download(f.path(), part, 0);
            resumed = false;
        }
        if (!f.sha256().equals(sha256(part))) {
            Files.deleteIfExists(part);
            throw new ClientFailure(1, f.target() + ": the bytes the server sent do not have its sha256 " + f.sha256()
                    + "; run the command again");
        }
        Files.move(part, f.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return resumed ? Done.RESUMED : Done.DOWNLOADED;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

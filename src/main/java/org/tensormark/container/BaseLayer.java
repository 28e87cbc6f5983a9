package org.tensormark.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.tensormark.image.Mmdebstrap;

/**
 * The lowest layer of the TensorMark container image: a Debian 12 root with the Java runtime,
 * bubblewrap (the sandbox) and setpriv (the privilege split), the system user {@code tensormark}
 * (uid 10001) and its data folder. Built by mmdebstrap as a tarball (no Docker, no registry) and
 * kept in a cache under a key derived from the command line, so a second build reuses it.
 */
final class BaseLayer {

    /** The uid and gid of the unprivileged user the server (and the worker's JVM) runs as. */
    static final int USER_ID = 10001;

    private static final String SUITE = "bookworm";
    private static final String MIRROR = "http://deb.debian.org/debian";

    private BaseLayer() {
    }

    /** The mmdebstrap command line writing the base root filesystem as a tarball to {@code out}. */
    static List<String> command(Path out) {
        return List.of("mmdebstrap", "--variant=minbase", "--format=tar",
                "--include=openjdk-17-jre-headless,bubblewrap,ca-certificates",
                "--dpkgopt=path-exclude=/usr/share/doc/*", "--dpkgopt=path-include=/usr/share/doc/*/copyright",
                "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/locale/*",
                // the JRE's postinst links its manual page into man1, which path-exclude left out
                "--setup-hook=mkdir -p \"$1/usr/share/man/man1\"",
                "--customize-hook=chroot \"$1\" useradd --system --user-group --uid " + USER_ID
                        + " --home-dir /nonexistent --shell /usr/sbin/nologin tensormark",
                "--customize-hook=mkdir -p \"$1/var/lib/tensormark/images\""
                        + " && chown " + USER_ID + ":" + USER_ID + " \"$1/var/lib/tensormark\"",
                SUITE, out.toString(), "deb " + MIRROR + " " + SUITE + " main");
    }

    /** The cached base tarball, built first when the cache has none for today's command line. */
    static Path ensure(Path cache, Consumer<String> progress) throws IOException, InterruptedException {
        Path tar = cache.resolve(key() + ".tar");
        if (Files.isRegularFile(tar)) {
            progress.accept("base layer: " + tar + " (cached)");
            return tar;
        }
        Files.createDirectories(cache);
        Path partial = cache.resolve(key() + ".tar.part");
        List<String> command = command(partial);
        progress.accept("base layer: " + String.join(" ", command));
        try {
            Mmdebstrap.run(command, progress);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(e.getMessage() + "; building the base needs root and the Debian mirror", e);
        }
        Files.move(partial, tar, StandardCopyOption.ATOMIC_MOVE);
        return tar;
    }

    /** A short digest of the command line: a changed package list or hook is a new base. */
    static String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", command(Path.of("out"))).getBytes(StandardCharsets.UTF_8));
            return "base-" + SUITE + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.tensormark.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An OCI or Docker image archive ({@code docker save}, {@code skopeo copy ... oci-archive:}) unpacked
 * into a folder: its layers in order and its environment. Only regular files with plain relative
 * names are taken from the outer archive.
 *
 * @param layers the layer tars, lowest first (possibly gzip-compressed)
 * @param environment the image config's {@code Env}, as name to value
 */
record LayerArchive(List<Path> layers, Map<String, String> environment) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Unpacks {@code archive} into {@code into} and finds its layers (Docker's manifest.json, else OCI's index.json). */
    static LayerArchive open(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null;) {
                if (e.isDirectory() || e.isSymbolicLink() || e.isLink() || !e.isFile()) {
                    continue;
                }
                Path target = into.resolve(LayerPaths.relative(e.getName())).normalize();
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isRegularFile(into.resolve("manifest.json"))) {
            JsonNode manifest = JSON.readTree(into.resolve("manifest.json").toFile()).path(0);
            List<Path> layers = new ArrayList<>();
            manifest.path("Layers").forEach(l -> layers.add(file(into, l.asText())));
            return new LayerArchive(layers, env(JSON.readTree(file(into, manifest.path("Config").asText()).toFile())));
        }
        if (Files.isRegularFile(into.resolve("index.json"))) {
            JsonNode index = JSON.readTree(into.resolve("index.json").toFile());
            JsonNode manifest = JSON.readTree(blob(into, index.path("manifests").path(0).path("digest").asText()).toFile());
            List<Path> layers = new ArrayList<>();
            manifest.path("layers").forEach(l -> layers.add(blob(into, l.path("digest").asText())));
            return new LayerArchive(layers, env(JSON.readTree(blob(into, manifest.path("config").path("digest").asText())
                    .toFile())));
        }
        throw new IllegalArgumentException(archive + " is neither a Docker archive (manifest.json) nor an OCI archive (index.json)");
    }

    /** The layer's entries, decompressing gzip when the layer is compressed. */
    static TarArchiveInputStream read(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return new TarArchiveInputStream(b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in) : in);
    }

    private static Path file(Path into, String name) {
        Path file = into.resolve(LayerPaths.relative(name)).normalize();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the archive names " + name + " but does not hold it");
        }
        return file;
    }

    private static Path blob(Path into, String digest) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return file(into, "blobs/sha256/" + digest.substring(7));
    }

    private static Map<String, String> env(JsonNode config) {
        Map<String, String> env = new TreeMap<>();
        config.path("config").path("Env").forEach(v -> {
            String text = v.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                env.put(text.substring(0, eq), text.substring(eq + 1));
            }
        });
        return env;
    }
}

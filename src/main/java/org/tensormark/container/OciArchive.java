package org.tensormark.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an image as one archive that is both an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/…}) and a Docker archive ({@code manifest.json}), as
 * {@code docker save} does since Docker 25: {@code skopeo copy oci-archive:…}, {@code podman load},
 * {@code docker load} and {@code ctr images import} all read it, and none of them is needed to
 * write it.
 */
final class OciArchive {

    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciArchive() {
    }

    /**
     * Writes {@code out} (atomically: a partial archive is never left under its name) from layers
     * whose blobs lie in {@code blobs}, and returns the manifest's digest.
     */
    static String write(Path out, Path blobs, List<Layer> layers, ImageConfig config) throws IOException {
        byte[] configJson = JSON.writeValueAsBytes(config.toJson(layers.stream().map(Layer::diffId).toList()));
        String configDigest = blob(blobs, configJson);

        List<Map<String, Object>> layerRefs = new ArrayList<>();
        for (Layer layer : layers) {
            layerRefs.add(descriptor(LAYER_TYPE, layer.digest(), layer.size()));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_TYPE);
        manifest.put("config", descriptor(CONFIG_TYPE, configDigest, configJson.length));
        manifest.put("layers", layerRefs);
        byte[] manifestJson = JSON.writeValueAsBytes(manifest);
        String manifestDigest = blob(blobs, manifestJson);

        Map<String, Object> manifestRef = descriptor(MANIFEST_TYPE, manifestDigest, manifestJson.length);
        manifestRef.put("annotations", Map.of("org.opencontainers.image.ref.name", config.tag(),
                "io.containerd.image.name", config.reference()));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", List.of(manifestRef));

        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("Config", path(configDigest));
        docker.put("RepoTags", List.of(config.reference()));
        docker.put("Layers", layers.stream().map(l -> path(l.digest())).toList());

        Path partial = out.resolveSibling(out.getFileName() + ".part");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file, "UTF-8")) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            bytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            bytes(tar, "index.json", JSON.writeValueAsBytes(index));
            bytes(tar, "manifest.json", JSON.writeValueAsBytes(List.of(docker)));
            folder(tar, "blobs/");
            folder(tar, "blobs/sha256/");
            bytes(tar, path(configDigest), configJson);
            bytes(tar, path(manifestDigest), manifestJson);
            for (Layer layer : layers) {
                TarArchiveEntry e = entry(path(layer.digest()), 0100644);
                e.setSize(layer.size());
                tar.putArchiveEntry(e);
                Files.copy(layer.blob(), tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return manifestDigest;
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    /** Writes {@code bytes} as a blob file named by its digest; returns the digest. */
    private static String blob(Path blobs, byte[] bytes) throws IOException {
        var sha = Layer.newSha256();
        sha.update(bytes);
        String digest = Layer.sha256(sha);
        Files.write(blobs.resolve(digest.substring("sha256:".length())), bytes);
        return digest;
    }

    private static String path(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = entry(name, 0100644);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void folder(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(entry(name, 040755));
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setModTime(1735689600_000L);
        return e;
    }
}

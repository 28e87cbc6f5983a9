package org.tensormark.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The layout of one backup folder: {@code tables/}, {@code blobs/}, {@code manifest.json}, and
 * {@code COMPLETE} (the manifest's sha256), written last. A folder without a {@code COMPLETE}
 * that matches its manifest is an interrupted backup and is never trusted.
 */
final class BackupFolder {

    private final Path dir;

    BackupFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path manifestFile() {
        return dir.resolve(Manifest.FILE);
    }

    Path completeMarker() {
        return dir.resolve(Manifest.COMPLETE);
    }

    Path tables() {
        return dir.resolve("tables");
    }

    Path blob(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new BackupRefusedException("the manifest names a blob that is not a sha256: " + sha256);
        }
        return dir.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** The manifest when the folder is a complete backup whose manifest is unchanged, else empty. */
    Optional<Manifest> completeManifest() throws IOException {
        if (!Files.isRegularFile(completeMarker()) || !Files.isRegularFile(manifestFile())) {
            return Optional.empty();
        }
        String marked = Files.readString(completeMarker(), StandardCharsets.US_ASCII).strip();
        if (!marked.equals(Sha256.of(manifestFile()))) {
            return Optional.empty();
        }
        return Optional.of(Manifest.fromJson(Files.readAllBytes(manifestFile())));
    }

    /**
     * The manifest after checking everything: the folder is complete, the manifest unedited, its
     * format known, and every table file and blob has the sha256 the manifest gives.
     */
    Manifest checked() throws IOException {
        if (!Files.isRegularFile(completeMarker())) {
            throw new BackupRefusedException(dir + " is not a complete backup (it has no " + Manifest.COMPLETE
                    + " marker: the backup was interrupted or is still running)");
        }
        Manifest manifest = completeManifest().orElseThrow(() -> new BackupRefusedException(
                "the manifest of " + dir + " was changed after the backup completed; refusing to restore it"));
        if (manifest.format() > Manifest.FORMAT) {
            throw new BackupRefusedException(dir + " was written by a newer TensorMark (" + manifest.tensormarkVersion()
                    + ", backup format " + manifest.format() + "); restore it with that version or newer");
        }
        for (Manifest.Table table : manifest.tables()) {
            Path file = tables().resolve(table.file());
            if (!table.file().matches("[a-z0-9_]+\\.copy") || !Files.isRegularFile(file)
                    || !Sha256.of(file).equals(table.sha256())) {
                throw new BackupRefusedException("table " + table.name() + " in " + dir
                        + " is missing or does not match its sha256 in the manifest");
            }
        }
        for (Manifest.Blob blob : manifest.blobs()) {
            Path file = blob(blob.sha256());
            if (!Files.isRegularFile(file) || Files.size(file) != blob.size() || !Sha256.of(file).equals(blob.sha256())) {
                throw new BackupRefusedException("blob " + blob.sha256() + " in " + dir + " is missing or damaged");
            }
        }
        return manifest;
    }
}

package org.tensormark.project;

import java.time.Instant;
import java.util.UUID;

/**
 * Where an upload stands: {@code offset} bytes of {@code size} have arrived and are on disk;
 * the next chunk starts there. {@code complete} once every byte arrived and matched the declared sha256.
 */
public record UploadProgress(UUID id, String role, String filename, long offset, long size, boolean complete,
        Instant expiresAt) {
}

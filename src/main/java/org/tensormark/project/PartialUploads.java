package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.FileSlot;
import org.tensormark.problem.Problem;
import org.tensormark.submission.Upload;

/**
 * Resumable uploads of hand-in files too large for one request: the owner declares the file (slot,
 * name, size, sha256), sends it in chunks, each starting at the offset the server holds, asks for
 * that offset after a dropped connection, and hands the finished file in through the normal intake
 * ({@link UploadedHandins}). Bytes that arrived are kept even when a chunk is cut off. An upload
 * unused for {@link UploadConfig#expiry()} is deleted.
 */
@ApplicationScoped
public class PartialUploads {

    private final UploadRows rows;
    private final Path dir;
    private final Duration expiry;
    private final int maxOpen;

    PartialUploads(UploadRows rows, UploadConfig config) {
        this.rows = rows;
        this.dir = Path.of(config.dir()).toAbsolutePath();
        this.expiry = config.expiry();
        this.maxOpen = config.maxOpenPerUser();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + dir, e);
        }
    }

    /** What the owner declares before the first byte. */
    public record Declared(String role, String filename, long size, String sha256) {
    }

    /** Opens an upload for one file slot of the assignment; refuses what the slot would refuse at hand-in. */
    public UploadProgress start(long userId, AssignmentView a, Declared d) {
        FileSlot slot = a.files().stream().filter(s -> s.role().equals(d.role())).findFirst()
                .orElseThrow(() -> Problem.invalid("This assignment takes no '" + d.role() + "' file."));
        String name = d.filename() == null ? "" : d.filename().strip();
        String type = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!slot.types().contains(type)) {
            throw Problem.refused("'" + name + "' cannot be the " + slot.role() + " file: it must be "
                    + String.join(" or ", slot.types().stream().map(t -> "." + t).toList()) + ".");
        }
        if (d.size() <= 0 || d.size() > slot.maxBytes()) {
            throw Problem.tooLarge("The " + slot.role() + " file may be 1 byte to " + (slot.maxBytes() >> 20)
                    + " MB; you declared " + d.size() + " bytes.");
        }
        if (d.sha256() == null || !d.sha256().matches("[0-9a-f]{64}")) {
            throw Problem.invalid("Declare the file's sha256 as 64 lower-case hex digits.");
        }
        if (rows.openCount(userId) >= maxOpen) {
            throw Problem.tooMany("You have " + maxOpen + " uploads open; finish, hand in or cancel one first.");
        }
        PartialUpload u = new PartialUpload();
        u.id = UUID.randomUUID();
        u.userId = userId;
        u.assignmentId = a.id();
        u.role = slot.role();
        u.filename = name;
        u.size = d.size();
        u.sha256 = d.sha256();
        u.createdAt = Instant.now();
        u.expiresAt = u.createdAt.plus(expiry);
        try {
            Files.createFile(partOf(u.id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.insert(u);
        return progress(u);
    }

    public UploadProgress progress(long userId, UUID id) {
        return progress(owned(userId, id));
    }

    /**
     * Appends a chunk that starts at {@code offset}, which must be where the upload stands. A chunk
     * cut off midway keeps what arrived. The last byte triggers the sha256 check: a mismatch
     * discards the bytes, since the client has to start again anyway.
     */
    public UploadProgress append(long userId, UUID id, long offset, long declaredLength, InputStream body) {
        PartialUpload u = owned(userId, id);
        if (u.completedAt != null) {
            throw Problem.conflict("This upload is complete; hand it in.");
        }
        if (declaredLength > 0 && offset + declaredLength > u.size) {
            throw Problem.tooLarge("The chunk ends at byte " + (offset + declaredLength) + ", past the declared size "
                    + u.size + ".");
        }
        try (FileChannel file = FileChannel.open(partOf(id), StandardOpenOption.WRITE)) {
            try (FileLock lock = lockOf(file)) {
                if (file.size() != offset) {
                    throw Problem.conflict("The upload stands at offset " + file.size() + ", not " + offset
                            + "; send the chunk that starts there.");
                }
                long end = copy(body, file, offset, u.size);
                file.force(false);
                boolean complete = end == u.size && ChunkDigest.matches(partOf(id), u.sha256);
                if (end == u.size && !complete) {
                    file.truncate(0);
                    throw Problem.refused("The file that arrived does not have the sha256 you declared (" + u.sha256
                            + "); its bytes were discarded: upload it again from offset 0.");
                }
                rows.renew(id, Instant.now().plus(expiry), complete);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + id + ": " + e.getMessage(), e);
        }
        return progress(userId, id);
    }

    private static FileLock lockOf(FileChannel file) throws IOException {
        try {
            FileLock lock = file.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // another request of this process holds it: the same answer as another process
        }
        throw Problem.conflict("Another request is sending a chunk of this upload; wait for it, then ask for the offset.");
    }

    /** Copies until the body ends, is cut off, or reaches {@code size}; returns the new end of the file. */
    private static long copy(InputStream body, FileChannel file, long offset, long size) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long position = offset;
        while (position < size) {
            int n;
            try {
                n = body.read(buffer, 0, (int) Math.min(buffer.length, size - position));
            } catch (IOException cutOff) {
                return position;
            }
            if (n < 0) {
                return position;
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                position += file.write(chunk, position);
            }
        }
        return position;
    }

    public void cancel(long userId, UUID id) {
        owned(userId, id);
        forget(List.of(id));
    }

    /** The finished uploads as intake sees multipart files; 404 for any that is not the caller's, 409 for unfinished ones. */
    public List<Upload> finished(long userId, String assignmentId, List<UUID> ids) {
        return ids.stream().map(id -> owned(userId, id)).map(u -> {
            if (!u.assignmentId.equals(assignmentId)) {
                throw Problem.conflict("Upload " + u.id + " is for " + u.assignmentId + ", not " + assignmentId + ".");
            }
            if (u.completedAt == null) {
                throw Problem.conflict("Upload " + u.id + " ('" + u.filename + "') is not complete: " + size(u.id)
                        + " of " + u.size + " bytes arrived.");
            }
            return new Upload(u.role, u.filename, partOf(u.id));
        }).toList();
    }

    /** Deletes uploads and their bytes (after their hand-in, on cancel, on expiry). */
    public void forget(List<UUID> ids) {
        rows.delete(ids);
        for (UUID id : ids) {
            try {
                Files.deleteIfExists(partOf(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Deletes every upload past its expiry; returns how many. */
    public int sweep(Instant now) {
        List<UUID> expired = rows.expired(now);
        forget(expired);
        return expired.size();
    }

    private PartialUpload owned(long userId, UUID id) {
        return rows.owned(userId, id).orElseThrow(() -> Problem.notFound("No upload " + id + " of yours (uploads"
                + " expire " + expiry.toHours() + " h after their last chunk)."));
    }

    private UploadProgress progress(PartialUpload u) {
        return new UploadProgress(u.id, u.role, u.filename, size(u.id), u.size, u.completedAt != null, u.expiresAt);
    }

    private long size(UUID id) {
        try {
            return Files.size(partOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path partOf(UUID id) {
        return dir.resolve(id + ".part");
    }
}

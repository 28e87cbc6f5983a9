package org.tensormark.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes hand-in files while keeping their rows: each file is marked purged (its name, sha256 and
 * size, what the receipt said, stay), and a blob is deleted only once nothing unpurged refers to it
 * (the same bytes may belong to another hand-in, or to another table that references blobs).
 * Marking happens in the caller's transaction; the files go only after it has committed.
 */
final class HandinErasure {

    /** One stored hand-in file. */
    record HandinFile(String submissionId, String role, String filename, String sha256, long size) {
    }

    /** What an erasure marked: the files, and the blobs whose bytes may now be deleted. */
    record Marked(List<HandinFile> files, List<String> blobs, long blobBytes) {
    }

    private HandinErasure() {
    }

    /** The unpurged files of the hand-ins a query selects; {@code where} filters {@code submission s}. */
    static List<HandinFile> files(Connection c, String where, Object parameter) throws SQLException {
        List<HandinFile> files = new ArrayList<>();
        try (var s = c.prepareStatement("select f.submission_id, f.role, f.filename, f.sha256, f.size"
                + " from submission_file f join submission s on s.id = f.submission_id"
                + " where f.purged_at is null and " + where + " order by s.received_at, f.submission_id, f.role")) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    files.add(new HandinFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5)));
                }
            }
        }
        return files;
    }

    /** Marks the files purged and the blobs nothing else needs; call inside a transaction. */
    static Marked mark(Connection c, List<HandinFile> files, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (var s = c.prepareStatement("update submission_file set purged_at = ?"
                + " where submission_id = ?::uuid and role = ? and purged_at is null")) {
            for (HandinFile f : files) {
                s.setTimestamp(1, at);
                s.setString(2, f.submissionId());
                s.setString(3, f.role());
                s.addBatch();
            }
            s.executeBatch();
        }
        Set<String> shas = new LinkedHashSet<>();
        files.forEach(f -> shas.add(f.sha256()));
        List<Reference> references = BlobReferences.of(c);
        List<String> unreferenced = new ArrayList<>();
        long bytes = 0;
        for (String sha : shas) {
            try (var lock = c.prepareStatement("select size from blob where sha256 = ? and purged_at is null for update")) {
                lock.setString(1, sha);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || BlobReferences.stillNeeded(c, references, sha)) {
                        continue;
                    }
                    bytes += rs.getLong(1);
                }
            }
            try (var s = c.prepareStatement("update blob set purged_at = ? where sha256 = ?")) {
                s.setTimestamp(1, at);
                s.setString(2, sha);
                s.executeUpdate();
            }
            unreferenced.add(sha);
        }
        return new Marked(List.copyOf(files), unreferenced, bytes);
    }

    /** Deletes the marked blobs' files; run after the marking committed. Returns those it could not delete. */
    static List<String> deleteBlobs(Path blobRoot, List<String> blobs) {
        List<String> left = new ArrayList<>();
        for (String sha : blobs) {
            try {
                Files.deleteIfExists(blobRoot.resolve(sha.substring(0, 2)).resolve(sha));
            } catch (IOException e) {
                left.add(sha + " (" + e.getMessage() + ")");
            }
        }
        return left;
    }

    /** A column that references {@code blob(sha256)}. */
    record Reference(String table, String column) {
    }
}

package org.tensormark.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The free-space check a backup makes before it writes anything: the target's file system must
 * hold the hand-in files not already in an earlier backup beside it, plus the tables (estimated
 * from their size in the database), with some headroom. A backup that would run out of space is
 * refused up front with both figures instead of failing halfway.
 */
final class BackupSpace {

    /** Headroom on top of the estimate: a twentieth of it plus this many bytes. */
    static final long SLACK_BYTES = 8L << 20;

    /** The bytes this process may still write on the file system holding a folder. */
    @FunctionalInterface
    interface UsableSpace {
        long of(Path existingFolder) throws IOException;

        UsableSpace DISK = folder -> Files.getFileStore(folder).getUsableSpace();
    }

    /** What a backup is expected to write: hand-in files to copy and the tables' estimated size. */
    record Expected(long blobBytes, long blobs, long tableBytes) {

        long total() {
            return blobBytes + tableBytes;
        }
    }

    private BackupSpace() {
    }

    static Expected expected(Connection c, Set<String> inEarlierBackups, boolean blobsOnly) throws SQLException {
        long bytes = 0;
        long count = 0;
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("select sha256, size from blob where purged_at is null")) {
            while (rs.next()) {
                if (!inEarlierBackups.contains(rs.getString(1))) {
                    bytes += rs.getLong(2);
                    count++;
                }
            }
        }
        long tables = 0;
        if (!blobsOnly) {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(sum(pg_table_size(c.oid)), 0)"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = 'public' and c.relkind = 'r'")) {
                rs.next();
                tables = rs.getLong(1);
            }
        }
        return new Expected(bytes, count, tables);
    }

    /** Refuses, with both figures, when the file system under {@code target} has too little usable space. */
    static void require(Path target, Expected expected, UsableSpace space) throws IOException {
        Path existing = target.toAbsolutePath().normalize();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException("no folder of " + target + " exists");
        }
        long needed = expected.total() + expected.total() / 20 + SLACK_BYTES;
        long usable = space.of(existing);
        if (usable < needed) {
            throw new IllegalArgumentException("not enough space for a backup in " + existing + ": " + mib(usable)
                    + " free, about " + mib(needed) + " needed (" + expected.blobs() + " hand-in files of " + mib(expected.blobBytes())
                    + " not in an earlier backup beside it, about " + mib(expected.tableBytes()) + " of tables, and headroom);"
                    + " free some space or back up to another disk. Nothing was written.");
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}

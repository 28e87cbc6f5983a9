package org.tensormark.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * Writes one backup: every table copied out in a single read-only REPEATABLE READ transaction (one
 * consistent snapshot while the server keeps taking hand-ins), then exactly the blobs that snapshot
 * references, then the manifest, and last the {@code COMPLETE} marker. Blobs found in a complete
 * sibling backup are hard-linked from there instead of copied. Before anything is written, the
 * target's free space is checked against what the backup is expected to take.
 */
final class Backup {

    private final DataSite site;
    private final BackupSpace.UsableSpace space;

    Backup(DataSite site) {
        this(site, BackupSpace.UsableSpace.DISK);
    }

    Backup(DataSite site, BackupSpace.UsableSpace space) {
        this.site = site;
        this.space = space;
    }

    Manifest write(Path target) throws IOException, SQLException {
        return write(target, false);
    }

    /** Writes a backup; {@code blobsOnly} leaves the tables to an external PostgreSQL's own tools. */
    Manifest write(Path target, boolean blobsOnly) throws IOException, SQLException {
        refuseNonEmpty(target);
        BackupFolder folder = new BackupFolder(target);
        Map<String, Path> earlier = earlierBlobs(folder);
        String startedAt = Instant.now().toString();
        Snapshot snapshot;
        try (DataSite.OpenDatabase db = site.open(false)) {
            BackupSpace.require(target, BackupSpace.expected(db.connection(), earlier.keySet(), blobsOnly), space);
            Files.createDirectories(folder.tables());
            snapshot = copyTables(db.connection(), folder, blobsOnly);
        }
        long[] reuse = new long[4];
        for (Manifest.Blob blob : snapshot.blobs()) {
            Path previous = earlier.get(blob.sha256());
            boolean linked = previous != null && Files.size(previous) == blob.size() && link(previous, folder.blob(blob.sha256()));
            if (!linked) {
                copyBlob(blob, folder.blob(blob.sha256()));
            }
            reuse[linked ? 2 : 0]++;
            reuse[linked ? 3 : 1] += blob.size();
        }
        syncFolders(folder);
        Manifest manifest = new Manifest(Manifest.FORMAT, BackupCommands.tensormarkVersion(), snapshot.schemaVersion(),
                startedAt, Instant.now().toString(), snapshot.tables(), snapshot.sequences(), snapshot.blobs(),
                new Manifest.Reuse(reuse[0], reuse[1], reuse[2], reuse[3]), blobsOnly);
        writeDurably(folder.manifestFile(), manifest.toJson());
        writeDurably(folder.completeMarker(), (Sha256.of(folder.manifestFile()) + "\n").getBytes(StandardCharsets.US_ASCII));
        return manifest;
    }

    private static void refuseNonEmpty(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; back up into a new folder"
                            + " (an interrupted backup left there can be deleted)");
                }
            }
        }
    }

    private record Snapshot(String schemaVersion, List<Manifest.Table> tables, Map<String, Long> sequences,
            List<Manifest.Blob> blobs) {
    }

    private static Snapshot copyTables(Connection connection, BackupFolder folder, boolean blobsOnly)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            String version = Schema.version(connection);
            if (version == null) {
                throw new IllegalArgumentException("the database has no TensorMark schema; nothing to back up");
            }
            List<Manifest.Table> tables = new ArrayList<>();
            for (String table : blobsOnly ? List.<String>of() : Schema.tablesInLoadOrder(connection)) {
                tables.add(copyTable(connection, folder, table));
            }
            List<Manifest.Blob> blobs = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("select sha256, size from blob where purged_at is null order by sha256")) {
                while (rs.next()) {
                    blobs.add(new Manifest.Blob(rs.getString(1), rs.getLong(2)));
                }
            }
            Map<String, Long> sequences = blobsOnly ? Map.of() : Schema.sequences(connection);
            connection.commit();
            return new Snapshot(version, tables, sequences, blobs);
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static Manifest.Table copyTable(Connection connection, BackupFolder folder, String table)
            throws SQLException, IOException {
        String file = table + ".copy";
        MessageDigest sha = Sha256.digest();
        long rows;
        try (FileChannel channel = FileChannel.open(folder.tables().resolve(file), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha)) {
            rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY public.\"" + table + "\" TO STDOUT", out);
            out.flush();
            channel.force(true);
        }
        return new Manifest.Table(table, rows, file, Sha256.hex(sha));
    }

    /** Blobs of the complete backups beside this one, by sha256. */
    private static Map<String, Path> earlierBlobs(BackupFolder folder) throws IOException {
        Map<String, Path> blobs = new HashMap<>();
        Path parent = folder.dir().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return blobs;
        }
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.filter(p -> !p.equals(folder.dir()) && Files.isDirectory(p)).toList()) {
                BackupFolder earlier = new BackupFolder(sibling);
                earlier.completeManifest().ifPresent(m -> m.blobs().forEach(
                        b -> blobs.putIfAbsent(b.sha256(), earlier.blob(b.sha256()))));
            }
        }
        return blobs;
    }

    private static boolean link(Path existing, Path link) throws IOException {
        Files.createDirectories(link.getParent());
        try {
            Files.createLink(link, existing);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            // Another file system or no hard links: fall back to a copy.
            return false;
        }
    }

    /** Copies a blob, checking on the way that the stored bytes still have their sha256. */
    private void copyBlob(Manifest.Blob blob, Path target) throws IOException {
        Path source = site.blobs().resolve(blob.sha256().substring(0, 2)).resolve(blob.sha256());
        if (!Files.isRegularFile(source)) {
            throw new IOException("blob " + blob.sha256() + " is referenced by the database but missing from "
                    + site.blobs() + "; run tensormark verify");
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest sha = Sha256.digest();
        try (InputStream in = Files.newInputStream(source);
                FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha)) {
            in.transferTo(out);
            out.flush();
            channel.force(true);
        }
        if (!Sha256.hex(sha).equals(blob.sha256())) {
            Files.delete(part);
            throw new IOException("blob " + blob.sha256() + " in " + site.blobs()
                    + " no longer has its sha256 (corrupt); run tensormark verify");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Makes the new entries of every folder durable before the manifest vouches for them. */
    private static void syncFolders(BackupFolder folder) throws IOException {
        try (Stream<Path> dirs = Files.walk(folder.dir())) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
    }

    /** Writes a file under a temporary name, fsyncs it, renames it into place and fsyncs the folder. */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}

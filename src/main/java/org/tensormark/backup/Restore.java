package org.tensormark.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.tensormark.submission.BlobStore;

/**
 * Puts a checked backup into an installation: the schema is created by this build's Flyway
 * migrations up to the backup's version, the rows are loaded in one transaction, the blobs are
 * stored, and the remaining migrations bring the data up to this build. Refuses a target that
 * already holds data unless forced, and a backup newer than this build.
 */
final class Restore {

    private final DataSite site;

    Restore(DataSite site) {
        this.site = site;
    }

    Manifest restore(Path source, boolean force) throws IOException, SQLException {
        return restore(source, force, false);
    }

    /**
     * Restores a checked backup; {@code blobsOnly} stores only its hand-in files (beside an external
     * PostgreSQL restored with its own tools) and leaves the database alone.
     */
    Manifest restore(Path source, boolean force, boolean blobsOnly) throws IOException, SQLException {
        Manifest manifest = new BackupFolder(source).checked();
        BackupFolder folder = new BackupFolder(source);
        if (blobsOnly) {
            storeBlobs(folder, manifest.blobs());
            return manifest;
        }
        if (manifest.blobsOnly()) {
            throw new BackupRefusedException(source + " holds only hand-in files (taken with backup --blobs-only);"
                    + " restore the database with PostgreSQL's own tools, then run tensormark restore --blobs-only " + source);
        }
        try (DataSite.OpenDatabase db = site.open(true)) {
            MigrationVersion newest = Schema.newestKnown(db);
            if (MigrationVersion.fromVersion(manifest.schemaVersion()).compareTo(newest) > 0) {
                throw new BackupRefusedException(source + " holds schema version " + manifest.schemaVersion()
                        + " from TensorMark " + manifest.tensormarkVersion() + "; this build knows up to "
                        + newest.getVersion() + ". Restore it with that version or newer.");
            }
            Connection connection = db.connection();
            if (!force) {
                refuseNonEmpty(connection);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("drop schema if exists public cascade");
                s.execute("create schema public");
            }
            Schema.flyway(db, manifest.schemaVersion()).migrate();
            storeBlobs(folder, manifest.blobs());
            loadTables(connection, folder, manifest);
            Schema.flyway(db, null).migrate();
        }
        return manifest;
    }

    private void refuseNonEmpty(Connection connection) throws SQLException, IOException {
        for (String table : Schema.tablesInLoadOrder(connection)) {
            try (Statement s = connection.createStatement();
                    var rs = s.executeQuery("select exists (select 1 from public.\"" + table + "\")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalArgumentException("the target database already holds data (table " + table
                            + "); restore into an empty installation, or pass --force to replace it");
                }
            }
        }
        if (Files.isDirectory(site.blobs())) {
            try (Stream<Path> files = Files.walk(site.blobs())) {
                if (files.anyMatch(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))) {
                    throw new IllegalArgumentException("the target blob store " + site.blobs()
                            + " already holds hand-ins; restore into an empty installation, or pass --force");
                }
            }
        }
    }

    private void storeBlobs(BackupFolder folder, List<Manifest.Blob> blobs) throws IOException {
        BlobStore store = new BlobStore(site.blobs());
        for (Manifest.Blob blob : blobs) {
            try (InputStream in = Files.newInputStream(folder.blob(blob.sha256()))) {
                BlobStore.StoredBlob stored = store.put(in);
                if (!stored.sha256().equals(blob.sha256())) {
                    throw new BackupRefusedException("blob " + blob.sha256() + " changed while it was restored");
                }
            }
        }
    }

    private static void loadTables(Connection connection, BackupFolder folder, Manifest manifest)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                // Migrations may seed rows; the backup's rows replace them.
                s.execute("truncate " + String.join(", ", manifest.tables().stream()
                        .map(t -> "public.\"" + t.name() + "\"").toList()) + " cascade");
            }
            for (Manifest.Table table : manifest.tables()) {
                try (InputStream in = Files.newInputStream(folder.tables().resolve(table.file()))) {
                    long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY public.\"" + table.name() + "\" FROM STDIN", in);
                    if (rows != table.rows()) {
                        throw new BackupRefusedException("table " + table.name() + " loaded " + rows
                                + " rows, the manifest says " + table.rows());
                    }
                }
            }
            for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
                if (sequence.getValue() != null) {
                    try (var s = connection.prepareStatement("select setval(?, ?, true)")) {
                        s.setString(1, "public.\"" + sequence.getKey() + "\"");
                        s.setLong(2, sequence.getValue());
                        s.execute();
                    }
                }
            }
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}

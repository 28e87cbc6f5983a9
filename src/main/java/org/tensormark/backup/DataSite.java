package org.tensormark.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tensormark.database.EmbeddedDatabase;

/**
 * Where one TensorMark installation keeps its data: the database (external through
 * {@code tensormark.db.url}, else the embedded one under {@code <data-dir>/postgres}) and the
 * blob store ({@code tensormark.storage.blobs}). Read from the same settings the server reads.
 *
 * @param url JDBC URL of an external database, or null for the embedded one
 * @param postgres the embedded database's data directory
 */
public record DataSite(String url, String user, String password, Path postgres, Path blobs) {

    /** The site the settings name: system properties, else their environment variables. */
    public static DataSite fromSettings() {
        return fromSettings(DataSite::setting);
    }

    static DataSite fromSettings(UnaryOperator<String> settings) {
        Path dataDir = Path.of(Optional.ofNullable(settings.apply("tensormark.data-dir")).orElse("data"));
        Path blobs = Path.of(Optional.ofNullable(settings.apply("tensormark.storage.blobs")).orElse("data/blobs"));
        return new DataSite(settings.apply("tensormark.db.url"),
                Optional.ofNullable(settings.apply("tensormark.db.user")).orElse("tensormark"),
                Optional.ofNullable(settings.apply("tensormark.db.password")).orElse("tensormark"),
                dataDir.resolve("postgres"), blobs);
    }

    private static String setting(String key) {
        String property = System.getProperty(key);
        return property != null ? property
                : System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    /**
     * Opens the database. An embedded database that a running server owns is joined on its port;
     * one that nobody runs is started for the duration and stopped on close.
     */
    public OpenDatabase open(boolean refuseRunningServer) throws IOException, SQLException {
        if (url != null) {
            return OpenDatabase.connect(url, user, password, null);
        }
        Optional<Integer> port = runningPort();
        if (port.isPresent()) {
            if (refuseRunningServer) {
                throw new IllegalArgumentException("a TensorMark server is running on " + postgres
                        + "; stop it before restoring");
            }
            return OpenDatabase.connect("jdbc:postgresql://localhost:" + port.get() + "/postgres", "postgres", "postgres",
                    null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(postgres);
        try {
            return OpenDatabase.connect(embedded.jdbcUrl(), embedded.user(), embedded.password(), embedded);
        } catch (SQLException e) {
            embedded.close();
            throw e;
        }
    }

    /** The port of a PostgreSQL running on the embedded data directory, from its postmaster.pid. */
    private Optional<Integer> runningPort() throws IOException {
        Path pidFile = postgres.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4 || !lines.get(0).strip().matches("\\d+") || !lines.get(3).strip().matches("\\d+")) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false)).isPresent();
        return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }

    /** A connection and, where this process started it, the embedded database behind it. */
    public record OpenDatabase(Connection connection, String url, String user, String password, EmbeddedDatabase embedded)
            implements AutoCloseable {

        public static OpenDatabase connect(String url, String user, String password, EmbeddedDatabase embedded)
                throws SQLException {
            return new OpenDatabase(DriverManager.getConnection(url, user, password), url, user, password, embedded);
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }
}

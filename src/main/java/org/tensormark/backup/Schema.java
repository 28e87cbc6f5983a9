package org.tensormark.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** The database's shape as a backup sees it: its Flyway version, its tables in load order, its sequences. */
final class Schema {

    static final String HISTORY = "flyway_schema_history";

    private Schema() {
    }

    /** The Flyway version the database is at, or null for a database Flyway never ran on. */
    static String version(Connection connection) throws SQLException {
        if (!hasTable(connection, HISTORY)) {
            return null;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select version from " + HISTORY
                        + " where success and version is not null order by installed_rank desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static boolean hasTable(Connection connection, String table) throws SQLException {
        try (var s = connection.prepareStatement("select 1 from pg_tables where schemaname = 'public' and tablename = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every table but Flyway's history, each after the tables its foreign keys point to. */
    static List<String> tablesInLoadOrder(Connection connection) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(HISTORY)) {
                    parents.put(rs.getString(1), new TreeSet<>());
                }
            }
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select c.relname, p.relname from pg_constraint k"
                        + " join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid"
                        + " join pg_namespace n on n.oid = k.connamespace where k.contype = 'f' and n.nspname = 'public'")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(rs.getString(2)) && parents.containsKey(rs.getString(1))) {
                    parents.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        return topologicalOrder(parents);
    }

    static List<String> topologicalOrder(Map<String, Set<String>> parents) {
        List<String> order = new ArrayList<>();
        Map<String, Set<String>> waiting = new HashMap<>();
        parents.forEach((table, p) -> waiting.put(table, new TreeSet<>(p)));
        while (!waiting.isEmpty()) {
            String next = new TreeSet<>(waiting.keySet()).stream()
                    .filter(t -> waiting.get(t).stream().noneMatch(waiting::containsKey)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the foreign keys between " + waiting.keySet()
                            + " form a cycle; this backup format cannot order them"));
            order.add(next);
            waiting.remove(next);
        }
        return order;
    }

    /** Each sequence's last value; null where the sequence was never used. */
    static Map<String, Long> sequences(Connection connection) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select sequencename, last_value from pg_sequences"
                        + " where schemaname = 'public' order by sequencename")) {
            while (rs.next()) {
                String name = rs.getString(1);
                long value = rs.getLong(2);
                values.put(name, rs.wasNull() ? null : value);
            }
        }
        return values;
    }

    static Flyway flyway(DataSite.OpenDatabase db, String target) {
        var config = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration");
        return (target == null ? config : config.target(MigrationVersion.fromVersion(target))).load();
    }

    /** The newest migration this build carries. */
    static MigrationVersion newestKnown(DataSite.OpenDatabase db) {
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (MigrationInfo info : flyway(db, null).info().all()) {
            if (info.getVersion() != null && info.getVersion().compareTo(newest) > 0) {
                newest = info.getVersion();
            }
        }
        return newest;
    }
}

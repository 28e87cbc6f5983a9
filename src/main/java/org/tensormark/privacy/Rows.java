package org.tensormark.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;

/** Query results as JSON-ready maps: column label to value, times as ISO-8601, jsonb as JSON. */
final class Rows {

    static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /** Runs {@code sql}; a {@code String[]} parameter is passed as a text array. */
    static List<Map<String, Object>> list(Connection c, String sql, Object... parameters) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof String[] texts) {
                    Array array = c.createArrayOf("text", texts);
                    s.setArray(i + 1, array);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col), value(rs.getObject(col)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static Object value(Object v) throws SQLException {
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof PGobject pg && pg.getValue() != null && pg.getType().startsWith("json")) {
            try {
                return JSON.readValue(pg.getValue(), JsonNode.class);
            } catch (java.io.IOException e) {
                throw new SQLException("unreadable json in the database", e);
            }
        }
        if (v instanceof PGobject pg) {
            return pg.getValue();
        }
        if (v instanceof java.util.UUID u) {
            return u.toString();
        }
        return v;
    }
}

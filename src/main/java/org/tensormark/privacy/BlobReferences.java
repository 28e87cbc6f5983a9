package org.tensormark.privacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns refer to blobs, read from the database's foreign keys, so that a blob another
 * feature keeps (a stored run's output, say) is never deleted with a hand-in that shares its bytes.
 */
final class BlobReferences {

    private BlobReferences() {
    }

    static List<HandinErasure.Reference> of(Connection c) throws SQLException {
        List<HandinErasure.Reference> found = new ArrayList<>();
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("select c.relname, a.attname from pg_constraint k"
                        + " join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid"
                        + " join pg_namespace n on n.oid = p.relnamespace"
                        + " join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]"
                        + " where k.contype = 'f' and n.nspname = 'public' and p.relname = 'blob'"
                        + " order by c.relname, a.attname")) {
            while (rs.next()) {
                found.add(new HandinErasure.Reference(rs.getString(1), rs.getString(2)));
            }
        }
        return found;
    }

    /** Whether any row besides purged hand-in files still refers to the blob. */
    static boolean stillNeeded(Connection c, List<HandinErasure.Reference> references, String sha256)
            throws SQLException {
        for (HandinErasure.Reference r : references) {
            String live = r.table().equals("submission_file") ? " and purged_at is null" : "";
            try (var s = c.prepareStatement("select exists (select 1 from public.\"" + r.table() + "\" where \""
                    + r.column() + "\" = ?" + live + ")")) {
                s.setString(1, sha256);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

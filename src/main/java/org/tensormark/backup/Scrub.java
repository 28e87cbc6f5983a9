package org.tensormark.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrity scrub behind {@code tensormark verify}: every stored hand-in file is read and its
 * sha256 compared with the one on the hand-in's receipt. Reports problems by hand-in, and records
 * each run in the audit log.
 */
final class Scrub {

    private final DataSite site;

    Scrub(DataSite site) {
        this.site = site;
    }

    /** One hand-in file that is missing or no longer has the bytes its receipt names. */
    record Problem(String submissionId, String role, String filename, String sha256, String what) {

        String sentence() {
            return "hand-in " + submissionId + ": " + role + " file " + filename + " (" + sha256 + ") " + what;
        }
    }

    /** What one scrub found: how many files were checked and what is wrong with them. */
    record Report(int filesChecked, List<Problem> problems) {
    }

    Report run() throws IOException, SQLException {
        try (DataSite.OpenDatabase db = site.open(false)) {
            Connection c = db.connection();
            Map<String, String> verdicts = new HashMap<>();
            List<Problem> problems = new ArrayList<>();
            int checked = 0;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select submission_id, role, filename, sha256, size from submission_file where purged_at is null"
                            + " order by submission_id, role")) {
                while (rs.next()) {
                    checked++;
                    String sha = rs.getString(4);
                    String what = verdicts.computeIfAbsent(sha + "/" + rs.getLong(5), k -> check(sha, size(k)));
                    if (!what.isEmpty()) {
                        problems.add(new Problem(rs.getString(1), rs.getString(2), rs.getString(3), sha, what));
                    }
                }
            }
            audit(c, checked, problems);
            return new Report(checked, problems);
        }
    }

    private static long size(String key) {
        return Long.parseLong(key.substring(key.indexOf('/') + 1));
    }

    /** Empty when the blob is sound, else what is wrong with it. */
    private String check(String sha256, long size) {
        Path file = site.blobs().resolve(sha256.substring(0, 2)).resolve(sha256);
        try {
            if (!Files.isRegularFile(file)) {
                return "is missing";
            }
            if (Files.size(file) != size) {
                return "is corrupt: " + Files.size(file) + " bytes, the receipt says " + size;
            }
            String actual = Sha256.of(file);
            return actual.equals(sha256) ? "" : "is corrupt: its bytes now hash to " + actual;
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
    }

    private static void audit(Connection c, int checked, List<Problem> problems) throws SQLException {
        try (var s = c.prepareStatement("insert into audit_log (action, entity_type, entity_id, after_state)"
                + " values ('data.verify', 'installation', 'blobs', jsonb_build_object('filesChecked', ?, 'problems', ?::jsonb))")) {
            s.setInt(1, checked);
            s.setString(2, problemsJson(problems));
            s.execute();
        }
    }

    private static String problemsJson(List<Problem> problems) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(problems);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

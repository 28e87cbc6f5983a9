package org.tensormark.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything held about one student, as one zip: {@code index.json} (account, enrolments, groups,
 * hand-ins with their files, results and feedback as the student may see them, extensions, late
 * tokens, API tokens, sign-in links, and the audit entries about them) and {@code handins/<id>/}
 * with each stored file. Other people appear only as "staff", "group member" or "platform";
 * hidden checks' details stay hidden until released, as in the portal. An export limited to some
 * courses (an instructor's) leaves out the account-wide parts.
 */
final class StudentExport {

    private final Connection c;
    private final Path blobRoot;

    StudentExport(Connection c, Path blobRoot) {
        this.c = c;
        this.blobRoot = blobRoot;
    }

    /** Writes the zip for {@code student}, limited to {@code courses}; {@code whole} adds the account-wide parts. */
    void write(Student student, List<String> courses, boolean whole, OutputStream out) throws SQLException, IOException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        // One snapshot, so the index and the files agree while hand-ins keep arriving.
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            StudentIndex index = new StudentIndex(c, student, courses.toArray(String[]::new));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("exportedAt", Instant.now().toString());
            json.put("scope", whole ? "everything held about this account" : "courses " + String.join(", ", courses));
            json.put("account", index.account(whole));
            json.put("enrolments", index.enrolments());
            json.put("groups", index.groups());
            List<Map<String, Object>> handins = index.handins();
            json.put("handins", handins);
            json.put("extensions", index.extensions());
            json.put("lateTokens", index.lateTokens());
            if (whole) {
                json.put("apiTokens", index.tokens());
                json.put("signOnLinks", index.signOnLinks());
                json.put("loginSessions", index.loginSessions());
            }
            json.put("audit", index.audit(whole));
            zip.putNextEntry(new ZipEntry("index.json"));
            zip.write(Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.closeEntry();
            for (Map<String, Object> handin : handins) {
                addFiles(zip, handin);
            }
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(true);
        }
    }

    @SuppressWarnings("unchecked")
    private void addFiles(ZipOutputStream zip, Map<String, Object> handin) throws IOException {
        for (Map<String, Object> file : (List<Map<String, Object>>) handin.get("files")) {
            Object path = file.get("pathInExport");
            if (path == null) {
                continue;
            }
            String sha = (String) file.get("sha256");
            Path blob = blobRoot.resolve(sha.substring(0, 2)).resolve(sha);
            zip.putNextEntry(new ZipEntry((String) path));
            Files.copy(blob, zip);
            zip.closeEntry();
        }
    }

    /** A file name safe inside the zip. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    static List<Object> ids(List<Map<String, Object>> rows, String key) {
        List<Object> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get(key)));
        return ids;
    }
}

package org.tensormark.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.database.EmbeddedDatabase;
import org.tensormark.identity.TestLogins;
import org.tensormark.submission.IntakeCourse;

@QuarkusTest
class BackupRestoreTest {

    private static final List<String> STUDENTS = List.of("alice", "bob", "carol", "dave");

    /** Tables whose rows record their last use, so every request after the snapshot changes them. */
    private static final Set<String> TOUCHED_BY_USE = Set.of("api_token", "login_session");

    @Inject
    IntakeCourse course;

    @TempDir
    Path temp;

    @BeforeEach
    void course() {
        course.ensure();
    }

    /** A hand-in the server acknowledged, with the bytes sent. */
    record Acknowledged(String submissionId, byte[] code) {
    }

    @Test
    void aBackupTakenWhileHandInsArriveRestoresEveryAcknowledgedReceiptWithItsExactBytes() throws Exception {
        List<Acknowledged> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        ExecutorService uploaders = Executors.newFixedThreadPool(STUDENTS.size());
        List<Future<?>> running = new ArrayList<>();
        for (String student : STUDENTS) {
            running.add(uploaders.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    byte[] code = ("# " + student + " " + UUID.randomUUID() + "\nx = " + sent.incrementAndGet() + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    String id = TestLogins.as(student).multiPart("code", "net.py", code)
                            .multiPart("report", "r.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))
                            .post("/api/assignments/in-open/submissions").then().statusCode(201)
                            .extract().path("submissionId");
                    acknowledged.add(new Acknowledged(id, code));
                }
                return null;
            }));
        }
        while (acknowledged.size() < 10 && running.stream().noneMatch(Future::isDone)) {
            Thread.sleep(20);
        }
        List<Acknowledged> beforeBackup = List.copyOf(acknowledged);
        Manifest first = new Backup(sourceSite()).write(temp.resolve("backups/first"));
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        uploaders.shutdown();

        EmbeddedDatabase fresh = EmbeddedDatabase.start(null);
        try {
            DataSite target = new DataSite(fresh.jdbcUrl(), fresh.user(), fresh.password(), temp.resolve("unused"),
                    temp.resolve("fresh/blobs"));
            new Restore(target).restore(temp.resolve("backups/first"), false);
            try (Connection restored = java.sql.DriverManager.getConnection(fresh.jdbcUrl(), fresh.user(), fresh.password());
                    Connection source = sourceConnection()) {
                for (Acknowledged a : beforeBackup) {
                    String sha = codeSha256(restored, a.submissionId());
                    Path blob = target.blobs().resolve(sha.substring(0, 2)).resolve(sha);
                    assertArrayEquals(a.code(), Files.readAllBytes(blob), "hand-in " + a.submissionId());
                }
                for (Manifest.Table table : first.tables()) {
                    Set<String> restoredRows = rows(restored, table.name());
                    assertEquals(table.rows(), restoredRows.size(), table.name());
                    if (TOUCHED_BY_USE.contains(table.name())) {
                        continue;
                    }
                    assertTrue(rows(source, table.name()).containsAll(restoredRows),
                            "every restored row of " + table.name() + " is a row of the source");
                }
            }
        } finally {
            fresh.close();
        }

        Manifest second = new Backup(sourceSite()).write(temp.resolve("backups/second"));
        assertEquals(first.blobs().size(), second.reuse().linked(), "blobs of the first backup are not copied again");
        assertEquals(second.blobs().size() - first.blobs().size(), second.reuse().copied());
    }

    @Test
    void aRestoreRefusesATargetThatAlreadyHoldsData() throws Exception {
        new Backup(sourceSite()).write(temp.resolve("b"));
        BackupRefusedOrIllegal.assertRefused("already holds data",
                () -> new Restore(sourceSite()).restore(temp.resolve("b"), false));
    }

    @Test
    void aRestoreRefusesABackupFromANewerSchema() throws Exception {
        Path dir = temp.resolve("newer");
        Manifest m = new Backup(sourceSite()).write(dir);
        Manifest newer = new Manifest(m.format(), "9.9.9", "99999", m.startedAt(), m.finishedAt(), m.tables(),
                m.sequences(), m.blobs(), m.reuse());
        Files.delete(dir.resolve(Manifest.COMPLETE));
        Backup.writeDurably(dir.resolve(Manifest.FILE), newer.toJson());
        Backup.writeDurably(dir.resolve(Manifest.COMPLETE), Sha256.of(dir.resolve(Manifest.FILE)).getBytes(StandardCharsets.US_ASCII));
        EmbeddedDatabase fresh = EmbeddedDatabase.start(null);
        try {
            DataSite target = new DataSite(fresh.jdbcUrl(), fresh.user(), fresh.password(), temp.resolve("unused"),
                    temp.resolve("fresh-blobs"));
            BackupRefusedOrIllegal.assertRefused("Restore it with that version or newer",
                    () -> new Restore(target).restore(dir, false));
            try (Connection c = java.sql.DriverManager.getConnection(fresh.jdbcUrl(), fresh.user(), fresh.password())) {
                assertEquals(null, Schema.version(c), "nothing was created in the target");
            }
        } finally {
            fresh.close();
        }
    }

    static DataSite sourceSite() {
        var config = ConfigProvider.getConfig();
        return new DataSite(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class), Path.of("target/unused-postgres"),
                Path.of(config.getValue("tensormark.storage.blobs", String.class)));
    }

    static Connection sourceConnection() throws SQLException {
        DataSite s = sourceSite();
        return java.sql.DriverManager.getConnection(s.url(), s.user(), s.password());
    }

    private static String codeSha256(Connection c, String submissionId) throws SQLException {
        try (var s = c.prepareStatement("select sha256 from submission_file where submission_id = ?::uuid and role = 'code'")) {
            s.setString(1, submissionId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "hand-in " + submissionId + " acknowledged before the backup is restored");
                return rs.getString(1);
            }
        }
    }

    private static Set<String> rows(Connection c, String table) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select t::text from public.\"" + table + "\" t")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Checks that an action is refused with a message a person can act on. */
    static final class BackupRefusedOrIllegal {

        interface Action {
            void run() throws Exception;
        }

        static void assertRefused(String messagePart, Action action) throws Exception {
            try {
                action.run();
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains(messagePart), e.getMessage());
                return;
            }
            throw new AssertionError("expected a refusal mentioning '" + messagePart + "'");
        }
    }

}

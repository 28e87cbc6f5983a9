package org.tensormark.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.tensormark.benchmark.ThrowAwayPlatform;
import org.tensormark.database.EmbeddedDatabase;
import org.tensormark.submission.BlobStore;

/**
 * {@code tensormark backup-benchmark [--handins N] [--more M] [--code-bytes B] [--report-bytes B]}:
 * a throw-away installation (its own embedded PostgreSQL and blob store under a temporary folder)
 * with N graded hand-ins of A1's size (a 6 KB Python file and a 250 KB report, random bytes so
 * nothing deduplicates), then the time and size of a full backup, of a restore into a fresh
 * database, and of the incremental backup after M more hand-ins. Never touches {@code ./data}.
 */
public final class BackupBenchmark {

    private BackupBenchmark() {
    }

    /** The benchmark's settings. */
    record Settings(int handins, int more, int codeBytes, int reportBytes) {

        static Settings parse(String[] args) {
            int[] v = {500, 10, 6 * 1024, 250 * 1024};
            String[] names = {"--handins", "--more", "--code-bytes", "--report-bytes"};
            for (int i = 0; i < args.length; i++) {
                int k = java.util.Arrays.asList(names).indexOf(args[i]);
                if (k < 0 || i + 1 >= args.length || !args[i + 1].matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("usage: tensormark backup-benchmark [--handins N] [--more M]"
                            + " [--code-bytes B] [--report-bytes B]");
                }
                v[k] = Integer.parseInt(args[++i]);
            }
            return new Settings(v[0], v[1], v[2], v[3]);
        }
    }

    public static int run(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        Path root = Files.createTempDirectory("tensormark-backup-bench");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(root.resolve("postgres"))) {
            DataSite site = new DataSite(db.jdbcUrl(), db.user(), db.password(), root.resolve("postgres"), root.resolve("blobs"));
            try (DataSite.OpenDatabase open = site.open(false)) {
                Schema.flyway(open, null).migrate();
                Fixture fixture = new Fixture(open.connection(), new BlobStore(site.blobs()), s);
                fixture.course();
                fixture.handins(0, s.handins());
                long started = System.nanoTime();
                Manifest first = new Backup(site).write(root.resolve("backups/first"));
                double backupSeconds = seconds(started);
                System.out.printf("full backup of %d hand-ins: %.2f s, %s on disk (%d blobs, %d table rows)%n", s.handins(),
                        backupSeconds, mib(bytes(root.resolve("backups/first"))), first.blobs().size(),
                        first.tables().stream().mapToLong(Manifest.Table::rows).sum());
                restore(root, first);
                fixture.handins(s.handins(), s.more());
                Manifest second = new Backup(site).write(root.resolve("backups/second"));
                long tables = bytes(root.resolve("backups/second/tables"));
                System.out.printf("incremental backup after %d more: %s new (%s of %d new hand-in files copied, %s of tables"
                        + " and manifest), %d files (%s) hard-linked from the first%n", s.more(),
                        mib(second.reuse().copiedBytes() + tables + Files.size(root.resolve("backups/second/manifest.json"))),
                        mib(second.reuse().copiedBytes()), second.reuse().copied(), mib(tables), second.reuse().linked(),
                        mib(second.reuse().linkedBytes()));
            }
        } finally {
            ThrowAwayPlatform.discard(root);
        }
        return 0;
    }

    private static void restore(Path root, Manifest first) throws IOException, SQLException {
        try (EmbeddedDatabase fresh = EmbeddedDatabase.start(root.resolve("restored-postgres"))) {
            DataSite target = new DataSite(fresh.jdbcUrl(), fresh.user(), fresh.password(), root.resolve("restored-postgres"),
                    root.resolve("restored-blobs"));
            long started = System.nanoTime();
            new Restore(target).restore(root.resolve("backups/first"), false);
            System.out.printf("restore into a fresh database and blob store: %.2f s (%d blobs)%n", seconds(started),
                    first.blobs().size());
        }
    }

    /** Rows as intake and grading would have written them, for generated students and files. */
    private record Fixture(Connection c, BlobStore blobs, Settings s) {

        void course() throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("insert into course (id, title) values ('bench', 'Backup benchmark')");
                st.execute("insert into assignment (id, course_id, current_version) values ('bench-a1', 'bench', 1)");
                st.execute("insert into assignment_version (assignment_id, version, content_sha256, title, group_work,"
                        + " max_group_size, release_at, due_at, spec) values ('bench-a1', 1, 'bench', 'A1', false, 1,"
                        + " now() - interval '7 days', now() + interval '7 days', '{}')");
            }
        }

        void handins(int from, int count) throws SQLException, IOException {
            Random random = new Random(from);
            c.setAutoCommit(false);
            for (int i = from; i < from + count; i++) {
                long user = insertUser(i);
                UUID id = UUID.randomUUID();
                exec("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                        + " values ('" + id + "', 'bench-a1', 1, " + user + ", now())");
                file(id, "code", "a1.py", bytes(random, s.codeBytes(), "# a1\n"));
                file(id, "report", "report.pdf", bytes(random, s.reportBytes(), "%PDF-1.5\n"));
                exec("insert into audit_log (actor_id, action, entity_type, entity_id, after_state) values (" + user
                        + ", 'submission.create', 'submission', '" + id + "', '{\"assignment\": \"bench-a1\"}')");
                exec("insert into grading_job (submission_id, purpose, priority, state) values ('" + id
                        + "', 'handin', 10, 'done')");
                exec("insert into grading_result (job_id, submission_id, assignment_version, outcome, raw_points, max_points,"
                        + " late_penalty_percent, late_sentence, final_points, provenance) values (currval('grading_job_id_seq'),"
                        + " '" + id + "', 1, 'scored', 9, 10, 0, 'on time', 9, '{\"device\": \"cpu\"}')");
                for (int k = 0; k < 8; k++) {
                    exec("insert into check_result (result_id, check_id, kind, visibility, points, max_points, status, summary,"
                            + " details) values (currval('grading_result_id_seq'), 'check-" + k + "', 'tensor', 'visible', 1, 1,"
                            + " 'passed', 'max abs error 1.2e-7 within atol 1e-5', '{\"maxAbsError\": 1.2e-7}')");
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }

        private long insertUser(int i) throws SQLException {
            try (var st = c.prepareStatement("insert into app_user (username, display_name) values (?, ?) returning id")) {
                st.setString(1, "student-" + i);
                st.setString(2, "Student " + i);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private void file(UUID id, String role, String name, byte[] content) throws SQLException, IOException {
            BlobStore.StoredBlob b = blobs.put(new ByteArrayInputStream(content));
            exec("insert into blob (sha256, size) values ('" + b.sha256() + "', " + b.size() + ") on conflict do nothing");
            exec("insert into submission_file (submission_id, role, filename, sha256, size) values ('" + id + "', '" + role
                    + "', '" + name + "', '" + b.sha256() + "', " + b.size() + ")");
        }

        private void exec(String sql) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute(sql);
            }
        }

        private static byte[] bytes(Random random, int size, String header) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            byte[] h = header.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(h, 0, b, 0, Math.min(h.length, size));
            return b;
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Bytes of the regular files under a folder. */
    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.database.EmbeddedDatabase;

/**
 * The deployment of issue 16 on one machine, with the packaged jar: one PostgreSQL, one server
 * without a worker, and three {@code worker} processes that share no directory with the server;
 * each has only the database address, the server's URL, the worker credential and a scratch
 * directory of its own. Hand-ins of the demo assignment are graded while one worker is killed
 * with SIGKILL and another stopped with SIGTERM: every hand-in is scored exactly once, the
 * stopped worker's job is handed back as it exits without counting an attempt, the killed one's
 * is released when its lease expires.
 */
class SeparateWorkersIT {

    /**
     * Hand-ins to grade: the 300 (about nine minutes on a busy 2-core machine, 40 hand-ins
     * a minute there); {@code -Dtensormark.it.handins=N} runs another count.
     */
    private static final int HANDINS = Integer.getInteger("tensormark.it.handins", 300);
    private static final int STUDENTS = 30;
    private static final String CREDENTIAL = "separate-workers-it-credential";
    private static final Duration LEASE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @Test
    void threeWorkersWithoutTheServersFilesScoreEveryHandinOnceThroughASigkillAndASigterm() throws Exception {
        // The sandbox's unprivileged user must pass through the directories above its job.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            try {
                run(db);
            } finally {
                stopAll();
                // the SIGKILLed worker's last job keeps its tmpfs mounts and cgroups until a worker starts
                // there again and sweeps them; that start is not part of this test, its sweep is
                for (String name : List.of("w1", "w2", "w3")) {
                    JobDirectory.sweepStale(dir.resolve(name).resolve("jobs"));
                }
            }
        }
    }

    /**
     * Kills every process the test started and everything they started (a sandboxed job dies with its
     * worker only asynchronously, through bubblewrap's parent-death signal), and waits until all are
     * gone: a job still writing into a worker's scratch folder makes the temporary folder undeletable.
     */
    private void stopAll() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            all.addAll(p.toHandle().descendants().toList());
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("process " + h.pid() + " still running after the test: " + h.info());
            }
        }
    }

    private void run(EmbeddedDatabase db) throws Exception {
        long t0 = System.nanoTime();
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        start(db, port, base, "serve", "-Dtensormark.worker.slots=0", "-Dtensormark.demo.enabled=true",
                "-Dtensormark.storage.blobs=" + serverDir.resolve("blobs"), "-Dtensormark.data-dir=" + serverDir,
                "-Dtensormark.worker.jobs-dir=" + serverDir.resolve("jobs"), "-Dtensormark.worker.credential=" + CREDENTIAL);
        Map<String, Process> workers = new LinkedHashMap<>();
        Map<String, Path> scratch = new LinkedHashMap<>();
        for (String name : List.of("w1", "w2", "w3")) {
            Path own = Files.createDirectories(dir.resolve(name));
            scratch.put(name, own);
            workers.put(name, startWorker(db, base, name, own));
        }
        for (String name : workers.keySet()) {
            awaitReady(freePortOf(name));
        }
        double startedSeconds = seconds(t0);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            createStudents(c);
            long submitStart = System.nanoTime();
            List<String> ids = handIn(base);
            double submitSeconds = seconds(submitStart);
            assertEquals(HANDINS, ids.size(), "every hand-in got a receipt");

            awaitDone(c, HANDINS / 4, Duration.ofMinutes(5));
            Killed killed = sigkill(c, workers.get("w1"), "w1");
            awaitDone(c, HANDINS / 2, Duration.ofMinutes(5));
            Stopped stopped = sigterm(c, workers.get("w2"), "w2");

            assertLeasedUntilExpiry(c, killed);
            long drainStart = System.nanoTime();
            awaitDone(c, HANDINS, Duration.ofMinutes(10));
            double total = seconds(submitStart);

            assertScoredExactlyOnce(c);
            assertHandBackCostNoAttempt(c, stopped);
            assertNoSharedFiles(c, serverDir, scratch);
            System.out.printf("separate workers: %d hand-ins, %d students; 1 server + 3 workers up in %.1f s;"
                            + " submitted in %.1f s; all scored %.1f s after the first upload (%.1f hand-ins/min);"
                            + " SIGTERM: job %s released as w2 exited %.1f s after the signal (state then: %s);"
                            + " SIGKILL: job %s re-leased %.1f s after the kill (lease %d s); scored by worker: %s;"
                            + " drain after the kills %.1f s; peak connections per process: %s%n",
                    HANDINS, STUDENTS, startedSeconds, submitSeconds, total, HANDINS / total * 60, stopped.job(),
                    stopped.exitSeconds(), stopped.stateAfter(), killed.job(), killed.releasedAfter, LEASE.toSeconds(),
                    perWorker(c), seconds(drainStart), new java.util.TreeMap<>(peakConnections));
            assertTrue(peakConnections.getOrDefault("tensormark-w3", 0) <= 6, "a worker stays within its pool of 6");
        }
    }

    /** The job a worker held when it was killed, and how long its lease kept it. */
    private static final class Killed {
        final long job;
        final long killedAt;
        double releasedAfter = -1;

        Killed(long job, long killedAt) {
            this.job = job;
            this.killedAt = killedAt;
        }

        long job() {
            return job;
        }
    }

    /** The job a worker held when it was stopped, and how many attempts that job had counted then. */
    private record Stopped(long job, int attemptsAtSignal, double exitSeconds, String stateAfter) {
    }

    private Killed sigkill(Connection c, Process worker, String name) throws Exception {
        long job = awaitFreshJob(c, name);
        worker.toHandle().destroyForcibly();
        long at = System.nanoTime();
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS), name + " did not die after SIGKILL");
        Object[] row = job(c, job);
        assertEquals("running", row[0], "the killed worker's job " + job + " finished before the kill landed; rerun");
        assertEquals(name, row[1], "the killed worker still holds the lease of job " + job);
        return new Killed(job, at);
    }

    /** SIGTERM: the worker stops claiming, hands its job back and exits; its lease is gone when it has. */
    private Stopped sigterm(Connection c, Process worker, String name) throws Exception {
        long job = awaitFreshJob(c, name);
        int attempts = attempts(c, job);
        long at = System.nanoTime();
        worker.destroy();
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), name + " did not stop within 60 s of SIGTERM");
        double exit = seconds(at);
        try (PreparedStatement q = c.prepareStatement("select count(*) from grading_job where lease_owner = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "a job is still leased to " + name + " after it exited");
            }
        }
        Object[] row = job(c, job);
        assertTrue(!name.equals(row[1]), "job " + job + " is still leased to " + name);
        String state = row[0] + (row[2] == null ? "" : " (" + row[2] + ")");
        assertTrue(!"running".equals(row[0]) || row[1] != null, "job " + job + ": " + state);
        assertEquals("handed back by the worker " + name + " as it stopped", row[2], "job " + job + ": " + state);
        if ("queued".equals(row[0])) {
            assertEquals(attempts - 1, attempts(c, job), "job " + job + " is back in the queue as if never claimed");
        }
        return new Stopped(job, attempts, exit, state);
    }

    /** The stopped worker's job counts one attempt for the run that scored it, none for the hand-back. */
    private static void assertHandBackCostNoAttempt(Connection c, Stopped stopped) throws Exception {
        assertEquals(stopped.attemptsAtSignal(), attempts(c, stopped.job()), "job " + stopped.job()
                + " was charged an attempt for its worker's SIGTERM");
    }

    private static int attempts(Connection c, long job) throws Exception {
        try (PreparedStatement q = c.prepareStatement("select attempts from grading_job where id = ?")) {
            q.setLong(1, job);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }

    /** The killed worker's job stays leased to it until the lease runs out, then another worker scores it. */
    private void assertLeasedUntilExpiry(Connection c, Killed killed) throws Exception {
        long deadline = killed.killedAt + LEASE.plusSeconds(30).toNanos();
        // Looked at once at least: with many hand-ins the deadline may have passed while half were graded.
        for (boolean first = true; first || System.nanoTime() < deadline; first = false) {
            Object[] row = job(c, killed.job);
            if (!"w1".equals(row[1])) {
                killed.releasedAfter = (System.nanoTime() - killed.killedAt) / 1e9;
                assertTrue(killed.releasedAfter >= LEASE.toSeconds() - 1.5, "job " + killed.job
                        + " was released " + killed.releasedAfter + " s after the kill, before its lease could expire");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + killed.job + " was never released after its worker was killed");
    }

    /** Waits until the worker holds a job it claimed a moment ago, so that the job is still running when the signal lands. */
    private long awaitFreshJob(Connection c, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (PreparedStatement q = c.prepareStatement("select id from grading_job where lease_owner = ? and state = 'running'"
                + " and started_at > now() - interval '150 milliseconds'")) {
            q.setString(1, name);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError(name + " never started a job");
    }

    private static Object[] job(Connection c, long id) throws Exception {
        try (PreparedStatement q = c.prepareStatement("select state, lease_owner, last_error from grading_job where id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)};
            }
        }
    }

    private void assertScoredExactlyOnce(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("""
                select count(*) filter (where j.state = 'done'),
                       count(*) filter (where (select count(*) from grading_result r where r.submission_id = s.id) = 1),
                       count(*) filter (where exists (select 1 from grading_result r where r.submission_id = s.id
                                                       and r.outcome = 'scored')),
                       count(*)
                from submission s join grading_job j on j.submission_id = s.id""")) {
            rs.next();
            assertEquals(HANDINS, rs.getInt(4), "one job per hand-in, none lost");
            assertEquals(HANDINS, rs.getInt(1), "every job done");
            assertEquals(HANDINS, rs.getInt(2), "every hand-in has exactly one result");
            assertEquals(HANDINS, rs.getInt(3), "every hand-in scored");
        }
    }

    /** The workers read hand-ins into their own caches; every file a run kept is in the server's store. */
    private void assertNoSharedFiles(Connection c, Path serverDir, Map<String, Path> scratch) throws Exception {
        Path serverBlobs = serverDir.resolve("blobs");
        int cached = 0;
        for (Path own : scratch.values()) {
            assertTrue(!own.startsWith(serverDir) && !serverDir.startsWith(own));
            try (Stream<Path> files = Files.walk(own.resolve("blobs"), 2)) {
                cached += (int) files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
            }
        }
        assertTrue(cached >= HANDINS, "the workers' caches hold the hand-ins they fetched (" + cached + " files)");
        int kept = 0;
        try (ResultSet rs = c.createStatement().executeQuery("select sha256 from blob")) {
            while (rs.next()) {
                String sha = rs.getString(1);
                assertTrue(Files.isRegularFile(serverBlobs.resolve(sha.substring(0, 2)).resolve(sha)),
                        "the run file " + sha + " reached the server's blob store");
                kept++;
            }
        }
        assertTrue(kept > 0, "runs kept files");
    }

    private static String perWorker(Connection c) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("select provenance->>'worker', count(*) from grading_result"
                + " group by 1 order by 1")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts.toString();
    }

    /** The most connections each process had open at once, as PostgreSQL saw them. */
    private final Map<String, Integer> peakConnections = new ConcurrentHashMap<>();

    private void sampleConnections(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("select application_name, count(*) from pg_stat_activity"
                + " where application_name like 'tensormark-%' group by 1")) {
            while (rs.next()) {
                peakConnections.merge(rs.getString(1), rs.getInt(2), Math::max);
            }
        }
    }

    private void awaitDone(Connection c, int done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            sampleConnections(c);
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from grading_job where state = 'done'")) {
                rs.next();
                if (rs.getInt(1) >= done) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + done + " jobs done within " + within);
    }

    /** Students of the demo course who sign in with alice's password; each hands in at most 20 a day. */
    private static void createStudents(Connection c) throws Exception {
        c.createStatement().executeUpdate("insert into app_user (username, display_name, password_hash)"
                + " select 'pool' || g, 'Pool Student ' || g, (select password_hash from app_user where username = 'alice')"
                + " from generate_series(1, " + STUDENTS + ") g");
        c.createStatement().executeUpdate("insert into enrolment (course_id, user_id, role) select 'demo', id, 'student'"
                + " from app_user where username like 'pool%'");
    }

    /** The demo solution, each copy with a comment of its own so that every hand-in is a file of its own. */
    private List<String> handIn(String base) throws Exception {
        byte[] solution = Files.readAllBytes(Path.of("assignments/demo-open/solution/handin.py"));
        byte[] report = Files.readAllBytes(Path.of("assignments/demo-open/solution/report.pdf"));
        Map<Integer, String> cookies = new ConcurrentHashMap<>();
        for (int s = 1; s <= STUDENTS; s++) {
            cookies.put(s, login(base, "pool" + s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> receipts = new ArrayList<>();
        for (int i = 0; i < HANDINS; i++) {
            int n = i;
            receipts.add(pool.submit(() -> {
                byte[] code = (new String(solution, StandardCharsets.UTF_8) + "\n# hand-in " + n + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                return upload(base, cookies.get(1 + n % STUDENTS), n, code, report);
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : receipts) {
            ids.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return ids;
    }

    private String upload(String base, String cookie, int n, byte[] code, byte[] report) throws Exception {
        String boundary = "----tmpool" + n;
        byte[] body = multipart(boundary, code, report);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/assignments/demo-open/submissions"))
                .timeout(Duration.ofSeconds(60)).header("Cookie", cookie).header("Idempotency-Key", "pool-" + n)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, "hand-in " + n + ": " + r.statusCode() + " " + r.body());
        return r.body().replaceAll("(?s).*\"submissionId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static byte[] multipart(String boundary, byte[] code, byte[] report) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"code\"; filename=\"handin.py\"\r\n"
                + "Content-Type: text/x-python\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] middle = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(code);
        out.writeBytes(middle);
        out.writeBytes(report);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private String login(String base, String user) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"alice-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), user + " could not sign in: " + login.body());
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private final Map<String, Integer> workerPorts = new ConcurrentHashMap<>();

    private int freePortOf(String worker) {
        return workerPorts.get(worker);
    }

    private Process startWorker(EmbeddedDatabase db, String base, String name, Path own) throws Exception {
        int port = freePort();
        workerPorts.put(name, port);
        return launch(db, "worker", name, "-Dtensormark.http.port=" + port, "-Dtensormark.worker.slots=1",
                "-Dtensormark.worker.name=" + name, "-Dtensormark.worker.server-url=" + base,
                "-Dtensormark.worker.credential=" + CREDENTIAL, "-Dtensormark.storage.blobs=" + own.resolve("blobs"),
                "-Dtensormark.data-dir=" + own, "-Dtensormark.worker.jobs-dir=" + own.resolve("jobs"),
                "-Dtensormark.sync.on-start=false", "-Dtensormark.queue.lease=PT" + LEASE.toSeconds() + "S",
                "-Dtensormark.queue.heartbeat=PT1S", "-Dtensormark.worker.shutdown-grace=PT0S",
                "-Dquarkus.datasource.jdbc.max-size=6");
    }

    private void start(EmbeddedDatabase db, int port, String base, String mode, String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of(settings));
        all.add("-Dtensormark.http.port=" + port);
        launch(db, mode, "server", all.toArray(String[]::new));
        awaitReady(port);
    }

    private Process launch(EmbeddedDatabase db, String mode, String label, String... settings) throws Exception {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=tensormark-" + label
                + "&options=-c%20statement_timeout%3D60s";
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-Dai.djl.offline=true"));
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar", mode));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "it-workers-" + label + "-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("TENSORMARK_DB_URL", url);
        pb.environment().put("TENSORMARK_DB_USER", db.user());
        pb.environment().put("TENSORMARK_DB_PASSWORD", db.password());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the process on port " + port + " did not become ready within 180 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

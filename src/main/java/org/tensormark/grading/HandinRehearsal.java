package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.Credentials;
import org.tensormark.problem.Problem;
import org.tensormark.sandbox.JobDirectory;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.sandbox.Verdict;
import org.tensormark.submission.Receipt;
import org.tensormark.submission.SubmissionIntake;
import org.tensormark.submission.Submissions;
import org.tensormark.submission.Upload;
import org.tensormark.submission.UploadWarmUp;

/**
 * A hand-in of the released assignment due last, rehearsed by a starting worker's
 * {@link SelfCheck} everywhere but in the HTTP request and the sandbox: the last scored hand-in of
 * that assignment's current version, its files and the runs kept of it (a restarted server's next
 * hand-in is most like its last one), or before there is one the self-check's solution and report,
 * its files checked as an upload's are ({@link SubmissionIntake#checkFiles}), recorded as the intake
 * records an upload ({@link SubmissionIntake#recordStored}: the retry lookup, lateness, the day's
 * quota, the rows, its grading job, the receipt), by an account made for it and signed in with an
 * API token of its own (the token's lookup and its last use written), then graded through
 * {@link Grader#rehearse}, whose sandbox returns at once the run kept of
 * the plan it is given, or the self-check's own visible run (the lookups, materialising the
 * hand-in, that assignment's checks prepared and their plans written to job directories, its
 * checks scored against those runs, the report read, lateness, the runs' files
 * and rows, the result and its checks' rows, the audit entry), each time in a transaction that is
 * rolled back. The rows never become visible to anyone and no one is told of the job (a
 * notification sent in a transaction rolled back is never delivered); what stays is the hand-in's
 * and the runs' files in the blob store, which {@code BlobJanitor} removes as it removes any file no
 * committed row references, and the sequence numbers the rows took. After them the intake's own
 * writes are rehearsed on every connection the pool holds idle ({@link #rehearseIntakeOnIdleConnections}),
 * since a student's upload may be served on any of them. Without it that work is first
 * done, and compiled, during the first hand-ins after a start (recording alone took 49 ms against 8
 * for the tenth on a 2-CPU host, README "Measuring").
 */
@ApplicationScoped
class HandinRehearsal {

    private static final Logger LOG = Logger.getLogger(HandinRehearsal.class);

    /** The lease owner of the rehearsed jobs. */
    static final String WORKER = "self-check";

    /**
     * How many times {@link #rehearseAgain} makes a job's reads of a hand-in after its rehearsals,
     * each in transactions of their own that commit ({@link Grader#rehearseReads}). The rehearsals
     * roll back, so without these the commit path of the transaction manager was compiled during
     * the first hand-ins after a start, beside their jobs: with 10 of them, 100-112 of its methods
     * were compiled while the first ten A1 hand-ins were graded (184 compilations in all around the
     * first); with 150, 10 (83 around the first), on a 2-CPU host, for a slot's rehearsals taking
     * 1.7 s instead of 0.6 (README "Measuring").
     */
    static final int READS = 150;

    /** The most idle pooled database connections {@link #rehearseIntakeOnIdleConnections} rehearses on. */
    static final int IDLE_CONNECTIONS = 8;

    /**
     * Hand-ins the intake records on each idle connection: the PostgreSQL driver prepares a
     * statement on the server from its fifth use on a connection.
     */
    static final int INTAKE_RECORDS = 6;

    /** How long the warm-up waits for the server's uploads to itself before it sweeps the connections. */
    private static final Duration UPLOADS_WAIT = Duration.ofSeconds(30);

    /** The hand-in the reads look for when the one rehearsed is the self-check's, whose rows were rolled back. */
    private static final UUID NO_HANDIN = new UUID(0, 0);

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final SubmissionIntake intake;
    private final Accounts accounts;
    private final Credentials credentials;
    private final Grader grader;
    private final JobFiles files;
    private final RunStore store;
    private final Submissions submissions;
    private final UserTransaction transaction;
    private final ObjectMapper json;
    private final UploadWarmUp uploadWarmUp;
    /** What the warm-up rehearsed, for each worker slot to rehearse again on its own thread. */
    private volatile Rehearsed last;

    HandinRehearsal(EntityManager em, AssignmentCatalog catalog, SubmissionIntake intake, Accounts accounts,
            Credentials credentials, Grader grader, JobFiles files, RunStore store, Submissions submissions,
            UserTransaction transaction, ObjectMapper json, UploadWarmUp uploadWarmUp) {
        this.em = em;
        this.catalog = catalog;
        this.intake = intake;
        this.accounts = accounts;
        this.credentials = credentials;
        this.grader = grader;
        this.files = files;
        this.store = store;
        this.submissions = submissions;
        this.transaction = transaction;
        this.json = json;
        this.uploadWarmUp = uploadWarmUp;
    }

    /**
     * What {@link #rehearse(SandboxRun, Path, Path, int)} did: how many hand-ins it rehearsed (0
     * when no assignment is released yet) and, when it rehearsed a student's last scored hand-in,
     * how its checks scored.
     */
    record Rehearsals(int handins, Optional<Replayed> replayed) {
    }

    /**
     * A student's last scored hand-in, rehearsed with the runs kept of it: the points of each of
     * its checks as its result recorded them and as the rehearsal scored them, checks graded by
     * people left out. They differ only when scoring itself has changed since (the same version,
     * files and runs are scored).
     */
    record Replayed(UUID handin, Map<String, Double> recorded, Map<String, Double> rehearsed) {

        boolean scoredAsRecorded() {
            return recorded.equals(rehearsed);
        }
    }

    /**
     * Grades the latest scored hand-in of the released assignment due last, with its kept runs as
     * its sandbox's, or before there is one {@code code} and {@code report} with {@code run},
     * {@code times} times, each in a transaction rolled back.
     */
    Rehearsals rehearse(SandboxRun run, Path code, Path report, int times) throws IOException, PlatformFailure {
        Optional<AssignmentView> released = releasedDueLast();
        if (released.isEmpty()) {
            return new Rehearsals(0, Optional.empty());
        }
        Rehearsed rehearsed = lastScored(released.get()).orElse(null);
        if (rehearsed == null) {
            rehearsed = new Rehearsed(List.of(), run, store(code, report), null, Map.of());
        }
        last = rehearsed;
        Map<String, Double> points = rehearse(rehearsed, released.get(), times);
        try {
            // after the server's uploads to itself, whose requests' connections are then idle again (a process that
            // does not listen yet sweeps at once)
            if (!uploadWarmUp.begun() || uploadWarmUp.await(UPLOADS_WAIT)) {
                rehearseIntakeOnIdleConnections();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Rehearsals(times, rehearsed.handin() == null ? Optional.empty()
                : Optional.of(new Replayed(rehearsed.handin(), rehearsed.recorded(), points)));
    }

    /**
     * The intake's writes of a hand-in ({@link SubmissionIntake#recordStored}), {@link #INTAKE_RECORDS}
     * times on each database connection the pool holds idle, in a transaction per connection rolled
     * back: helper threads take one connection each until the pool has to open one (none idle was
     * left) or {@link #IDLE_CONNECTIONS} are held. The rehearsed hand-ins run on whichever
     * connections their threads get, and a backend plans a statement, loads its catalogue entries
     * and builds its foreign-key checks once; the first upload after a start, served on another
     * connection, spent 27 ms in the intake's transaction against 9-16 for the next nine (its
     * inserts 16.6 ms against 3-5), README "Measuring". Returns the backend pid of each connection
     * rehearsed on; none before a hand-in was rehearsed.
     */
    List<Integer> rehearseIntakeOnIdleConnections() throws InterruptedException {
        Rehearsed rehearsed = last;
        Optional<AssignmentView> released = rehearsed == null ? Optional.empty() : releasedDueLast();
        if (released.isEmpty()) {
            return List.of();
        }
        double since = QuarkusTransaction.requiringNew().call(
                () -> ((Number) em.createNativeQuery("select extract(epoch from clock_timestamp())").getSingleResult())
                        .doubleValue());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> holders = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                CompletableFuture<HeldConnection> held = new CompletableFuture<>();
                Thread holder = new Thread(() -> holdAndRecord(held, since, go, released.get(), rehearsed.handedIn()),
                        "tensormark-connection-warm-up-" + i);
                holder.setDaemon(true);
                holder.start();
                holders.add(holder);
                HeldConnection connection = held.get(1, TimeUnit.MINUTES);
                pids.add(connection.pid());
                if (connection.opened()) {
                    break;
                }
            }
        } catch (ExecutionException | TimeoutException e) { // the first uploads' connections are then as before
            LOG.debugf("the warm-up could not hold the pool's idle connections: %s", e.toString());
        } finally {
            go.countDown();
            for (Thread holder : holders) {
                holder.join(TimeUnit.MINUTES.toMillis(1));
            }
        }
        return List.copyOf(pids);
    }

    /** A connection a helper thread holds: its backend's pid, and whether the pool opened it for the sweep. */
    private record HeldConnection(int pid, boolean opened) {
    }

    /** On a helper thread: takes a connection in a transaction, tells {@code held}, then records hand-ins and rolls back. */
    private void holdAndRecord(CompletableFuture<HeldConnection> held, double since, CountDownLatch go,
            AssignmentView version, List<Receipt.FileReceipt> handedIn) {
        try {
            transaction.begin();
        } catch (NotSupportedException | SystemException e) {
            held.completeExceptionally(e);
            return;
        }
        try {
            Object[] backend = (Object[]) em.createNativeQuery("select pid, extract(epoch from backend_start)"
                    + " from pg_stat_activity where pid = pg_backend_pid()").getSingleResult();
            held.complete(new HeldConnection(((Number) backend[0]).intValue(),
                    ((Number) backend[1]).doubleValue() >= since));
            go.await();
            for (int i = 0; i < INTAKE_RECORDS; i++) {
                recorded(handedIn, version);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            held.completeExceptionally(e);
            LOG.debugf("rehearsing the intake on an idle connection: %s", e.toString());
        } finally {
            rollback();
        }
    }

    /**
     * Rehearses {@code times} more hand-ins as the last {@link #rehearse(SandboxRun, Path, Path, int)}
     * did, on the calling thread; 0 when none was rehearsed yet or no assignment is released now.
     * A worker slot calls it on its own thread: the database connection that thread's transactions
     * get is that slot's own (the pool gives a thread the connection it had before), and a
     * PostgreSQL connection plans each statement anew and reads the tables' catalogue entries
     * itself, so the first hand-ins a slot graded were still slower (recording took 12-15 ms
     * against 8.6, README "Measuring") after the warm-up's rehearsals on a connection of its own.
     * It then makes a job's reads of the hand-in {@link #READS} times in transactions of their own,
     * as a job does: of a student's, whose rows are committed; of the self-check's, whose rows were
     * rolled back, they find nothing but still commit.
     */
    int rehearseAgain(int times) throws PlatformFailure {
        Rehearsed rehearsed = last;
        Optional<AssignmentView> released = rehearsed == null ? Optional.empty() : releasedDueLast();
        if (released.isEmpty()) {
            return 0;
        }
        rehearse(rehearsed, released.get(), times);
        grader.rehearseReads(rehearsed.handin() == null ? NO_HANDIN : rehearsed.handin(), READS);
        return times;
    }

    private Optional<AssignmentView> releasedDueLast() {
        return catalog.releasedDueLast(1).stream().findFirst();
    }

    /**
     * What a rehearsal's sandbox returns and the hand-in's files as they were stored.
     *
     * @param kept      a scored hand-in's kept runs with the plan each was given (empty for the self-check's)
     * @param otherwise the run returned for a plan none of {@code kept} was given
     * @param handin    the scored hand-in rehearsed, or null for the self-check's solution
     * @param recorded  the points its result recorded for each check people do not grade (empty for the self-check's)
     */
    private record Rehearsed(List<KeptRun> kept, SandboxRun otherwise, List<Receipt.FileReceipt> handedIn, UUID handin,
            Map<String, Double> recorded) {

        /** The run kept of the plan written to {@code job}, as its sandbox returned it. */
        SandboxRun runOf(JobDirectory job) throws IOException {
            if (kept.isEmpty()) {
                return otherwise;
            }
            byte[] plan = Files.readAllBytes(job.in().resolve("plan.json"));
            return kept.stream().filter(k -> Arrays.equals(k.plan(), plan)).findFirst().map(KeptRun::run)
                    .orElse(otherwise);
        }
    }

    /** A kept run of a scored hand-in: the plan it was given and what its sandbox returned. */
    private record KeptRun(byte[] plan, SandboxRun run) {
    }

    /**
     * The latest hand-in of {@code version} scored from runs that all ended well, with its runs as
     * their sandboxes returned them; empty when there is none, or a file of it can no longer be
     * read (then the self-check's hand-in is rehearsed).
     */
    private Optional<Rehearsed> lastScored(AssignmentView version) {
        Scored scored = QuarkusTransaction.requiringNew().call(() -> scored(version));
        if (scored == null) {
            return Optional.empty();
        }
        try {
            for (Receipt.FileReceipt f : scored.handedIn()) {
                files.verified(f.sha256());
            }
            List<KeptRun> kept = new ArrayList<>();
            for (Object[] r : scored.runs()) {
                Map<String, byte[]> outputs = store.outputs(store.stored(((Number) r[9]).longValue(), (String) r[10],
                        (String) r[11], (String) r[12], (String) r[13], (String) r[8]));
                SandboxRun run = new SandboxRun(new Verdict.Ok(), ((Number) r[2]).intValue(), 0, text(r[6]), text(r[7]),
                        Duration.ofMillis(((Number) r[3]).longValue()), Duration.ofMillis(((Number) r[4]).longValue()),
                        ((Number) r[5]).longValue(), outputs, List.of(), Optional.empty());
                kept.add(new KeptRun(files.read((String) r[1]), run));
            }
            return Optional.of(new Rehearsed(List.copyOf(kept), kept.get(0).run(), scored.handedIn(), scored.handin(),
                    scored.recorded()));
        } catch (IOException e) {
            LOG.infof("the worker's warm-up rehearses the self-check's hand-in: hand-in %s's kept files: %s",
                    scored.handin(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The rows of the latest scored hand-in of a version: its kept runs, its files, its checks' points. */
    private record Scored(UUID handin, List<Object[]> runs, List<Receipt.FileReceipt> handedIn,
            Map<String, Double> recorded) {
    }

    /** {@link #lastScored}'s reads, in one transaction; null when there is no such hand-in. */
    private Scored scored(AssignmentView version) {
        List<Object[]> runs = rows("""
                select r.submission_id, k.plan_sha256, k.exit_code, k.wall_ms, k.cpu_ms, k.peak_memory_bytes, k.stdout,
                    k.stderr, cast(k.outputs as text), k.id, k.run_group, k.verdict, k.verdict_text,
                    cast(k.call_hashes as text), r.id
                from grading_result r join sandbox_run k on k.id = any(r.run_ids)
                where r.id = (select g.id from grading_result g join submission s on s.id = g.submission_id
                              where s.assignment_id = ?1 and g.assignment_version = ?2 and g.outcome = 'scored'
                                  and cardinality(g.run_ids) > 0
                              order by g.id desc limit 1)
                order by array_position(r.run_ids, k.id)""", version.id(), version.version());
        if (runs.isEmpty() || runs.stream().anyMatch(r -> r[1] == null)) { // runs recorded before their plans were kept
            return null;
        }
        UUID handin = (UUID) runs.get(0)[0];
        List<Receipt.FileReceipt> handedIn = submissions.handin(handin).orElseThrow().files().stream()
                .map(f -> new Receipt.FileReceipt(f.role, f.filename, f.sha256, f.size)).toList();
        return new Scored(handin, runs, handedIn, checkPoints(((Number) runs.get(0)[14]).longValue()));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    /** The points of each check of a result, checks people grade left out. */
    private Map<String, Double> checkPoints(long resultId) {
        Map<String, Double> points = new TreeMap<>();
        for (Object[] c : rows("select check_id, points from check_result where result_id = ?1 and kind <> 'manual'",
                resultId)) {
            points.put((String) c[0], ((Number) c[1]).doubleValue());
        }
        return points;
    }

    private static String text(Object column) {
        return column == null ? "" : (String) column;
    }

    /**
     * Rehearses {@code times} hand-ins; returns the points of the last one's checks when it is a
     * student's (empty for the self-check's).
     */
    private Map<String, Double> rehearse(Rehearsed rehearsed, AssignmentView released, int times)
            throws PlatformFailure {
        SandboxRunner canned = (job, image, limits, gpu) -> {
            try {
                return rehearsed.runOf(job);
            } catch (IOException e) {
                throw new UncheckedIOException("a rehearsal's plan", e);
            }
        };
        List<Receipt.FileReceipt> handedIn = rehearsed.handedIn();
        Map<String, Double> points = Map.of();
        for (int i = 0; i < times; i++) {
            try {
                transaction.begin();
            } catch (NotSupportedException | SystemException e) {
                throw new IllegalStateException("the rehearsing thread has a transaction already", e);
            }
            try {
                long job = once(canned, handedIn, released);
                if (rehearsed.handin() != null && i == times - 1) {
                    points = checkPoints(((Number) em.createNativeQuery("select id from grading_result where job_id = ?1")
                            .setParameter(1, job).getSingleResult()).longValue());
                }
            } finally {
                rollback();
            }
        }
        return points;
    }

    /**
     * The receipt as the upload's answer carries it, written by the JSON mapper the REST layer
     * uses: its first use builds the receipt's serialisers, which the first upload after a start
     * otherwise does after its commit, beside its own job's start.
     */
    private void answer(Receipt receipt) {
        try {
            json.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is not serialisable", e);
        }
    }

    private void rollback() {
        try {
            transaction.rollback();
        } catch (SystemException e) {
            throw new IllegalStateException("rolling back a rehearsed hand-in", e);
        }
    }

    /** Keeps the hand-in's files in the blob store as an upload does, outside any transaction. */
    private List<Receipt.FileReceipt> store(Path code, Path report) throws IOException {
        byte[] codeBytes = Files.readAllBytes(code);
        byte[] reportBytes = Files.readAllBytes(report);
        List<String> sha256s = files.keepAll(List.of(codeBytes, reportBytes));
        return List.of(new Receipt.FileReceipt("code", code.getFileName().toString(), sha256s.get(0), codeBytes.length),
                new Receipt.FileReceipt("report", report.getFileName().toString(), sha256s.get(1), reportBytes.length));
    }

    /**
     * One hand-in as the intake records it, by an account made for it (so that no one's daily quota
     * or earlier hand-ins matter), in the caller's transaction, and its receipt as the upload's
     * answer writes it.
     */
    private Receipt recorded(List<Receipt.FileReceipt> handedIn, AssignmentView version) {
        String name = "tensormark-warm-up-" + UUID.randomUUID();
        long account = accounts.create(name, "Warm-up", null, false).id;
        // signed in as a student's upload is, with an API token: its lookup and its last use written (the
        // first upload after a start was the first to change a row Hibernate had loaded)
        credentials.authenticate(credentials.issueToken(account, name).token());
        em.flush();
        Receipt receipt = intake.recordStored(version.id(), account, handedIn, name);
        answer(receipt);
        return receipt;
    }

    /** The intake's checks of the hand-in's files, as an upload's before they are stored. */
    private void checkFiles(List<Receipt.FileReceipt> handedIn, AssignmentView version) {
        try {
            intake.checkFiles(version.id(), handedIn.stream()
                    .map(f -> new Upload(f.role(), f.filename(), files.located(f.sha256()))).toList());
        } catch (Problem e) { // files an upload could no longer hand in (the rules changed since): graded all the same
            LOG.debugf("the rehearsed hand-in's files would be refused now: %s", e.getMessage());
        }
    }

    /** One hand-in as the intake records it ({@link #recorded}), then its job graded with {@code canned} as the sandbox. */
    private long once(SandboxRunner canned, List<Receipt.FileReceipt> handedIn, AssignmentView version)
            throws PlatformFailure {
        checkFiles(handedIn, version);
        UUID handin = recorded(handedIn, version).submissionId();
        long job = ((Number) em.createNativeQuery("select id from grading_job where submission_id = ?1")
                .setParameter(1, handin).getSingleResult()).longValue();
        em.createNativeQuery("update grading_job set state = 'running', attempts = 1, lease_owner = ?2,"
                        + " lease_expires_at = now() + interval '1 minute', started_at = now() where id = ?1")
                .setParameter(1, job).setParameter(2, WORKER).executeUpdate();
        // A job's lookups read the hand-in from the database; with the rows just recorded still in
        // memory they read nothing, and the first real jobs ran that code for the first time.
        em.flush();
        em.clear();
        grader.rehearse(new JobClaims.Claim(job, handin, 1, "handin", Duration.ZERO), WORKER, canned);
        return job;
    }
}

package org.tensormark.spike;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tensormark.benchmark.RunOnStart;
import org.tensormark.benchmark.ThrowAwayPlatform;
import org.tensormark.course.AssignmentSync;
import org.tensormark.grading.SyncedReferences;
import org.tensormark.grading.Worker;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.Credentials;
import org.tensormark.submission.UploadWarmUp;

/**
 * {@code tensormark spike-benchmark [N] [--slots S] [--starts R]}, on a throw-away embedded
 * database, in processes of its own ({@link SpikeOptions}). The first opens A1 and the demo, stores
 * their reference figures and enrols the students, then stops. Each measuring process starts on what
 * it left, as a server restarted between deadlines does (nothing compiled, nothing cached), waits
 * for its worker's warm-up, hands in A1's solution (and a report) ten times one at a time and prints
 * the platform's overhead of the first against the tenth. The last of them then compares the first
 * with the tenth over every start; hands in A1 N times at once, spread over several students so that
 * fair share matters, and prints receipt-to-score p50/p95, hand-ins per minute, the platform's
 * overhead, the share of the host's CPU the sandboxes used and the median of every timed phase; then
 * hands in the demo solution ten times, one at a time, and prints its receipt-to-score p50.
 */
@ApplicationScoped
public class SpikeBenchmark {

    private static final int DEMO_HANDINS = 10;
    /** A1 hand-ins handed in one at a time after the start, before the spike: the first against the last. */
    private static final int ONE_AT_A_TIME = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String STUDENT = "spike-student-";
    /**
     * How often the benchmark asks the database whether its hand-ins are scored, the same for all:
     * the moments it prints come from the database, not from this loop, but its queries compete for
     * the CPUs with the jobs it waits for (at every 50 ms, 70-80 ms of CPU during a lone A1 hand-in).
     */
    private static final Duration POLL = Duration.ofMillis(200);
    /** Readiness probes before the first hand-in: a load balancer's or Kubernetes' over the first seconds of a start. */
    private static final int HEALTH_PROBES = 5;
    /** Uploads the benchmark's client sends to a stand-in server of its own before the first hand-in. */
    private static final int CLIENT_WARM_UPS = 3;

    private final String mode;
    private final int port;
    private final int handins;
    private final int starts;
    private final int start;
    private final Path dataDir;
    private final AssignmentSync sync;
    private final Accounts accounts;
    private final Credentials credentials;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Worker worker;
    private final SyncedReferences references;
    private final UploadWarmUp uploadWarmUp;
    private final SpikeReport report = new SpikeReport(System.out);

    SpikeBenchmark(@ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode,
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = SpikeOptions.HANDINS_KEY, defaultValue = "12") int handins,
            @ConfigProperty(name = SpikeOptions.STARTS_KEY, defaultValue = "1") int starts,
            @ConfigProperty(name = SpikeOptions.START_KEY, defaultValue = "1") int start,
            @ConfigProperty(name = "tensormark.data-dir", defaultValue = "data") Path dataDir, AssignmentSync sync,
            Accounts accounts, Credentials credentials, EntityManager em, ObjectMapper json, Worker worker,
            SyncedReferences references, UploadWarmUp uploadWarmUp) {
        this.mode = mode;
        this.port = port;
        this.handins = handins;
        this.starts = starts;
        this.start = start;
        this.dataDir = dataDir;
        this.sync = sync;
        this.accounts = accounts;
        this.credentials = credentials;
        this.em = em;
        this.json = json;
        this.worker = worker;
        this.references = references;
        this.uploadWarmUp = uploadWarmUp;
    }

    void onStart(@Observes @Priority(6000) StartupEvent event) {
        if ("spike-set-up".equals(mode)) {
            RunOnStart.start("spike-benchmark set-up", () -> {
                setUp();
                return true;
            });
        } else if ("spike-benchmark".equals(mode)) {
            RunOnStart.start("spike-benchmark", () -> {
                run();
                return true;
            });
        }
    }

    /** The first process: opens A1 and the demo, stores their reference figures, enrols the students. */
    private void setUp() throws Exception {
        Path course = SpikeClass.openCourseFolder();
        try {
            sync.sync(course);
        } finally {
            ThrowAwayPlatform.discard(course);
        }
        long referencesStart = System.nanoTime();
        boolean computed = references.awaitComputed(Duration.ofMinutes(10));
        report.references(computed, (System.nanoTime() - referencesStart) / 1_000_000);
        for (int i = 1; i <= studentCount(); i++) {
            long id = accounts.create(STUDENT + i, "Spike student " + i, null, false).id;
            accounts.enrol(id, "nndl", CourseRole.STUDENT);
            accounts.enrol(id, "demo", CourseRole.STUDENT);
        }
    }

    /** The second process, started on what the first left: measures. */
    private void run() throws Exception {
        long warmUpStart = System.nanoTime();
        // The students' side lives in this process too: its own first steps (the HTTP client's start, which reads
        // the JDK's certificates; the tokens; the first poll; its first uploads, to a stand-in server) are made during
        // the warm-up, not beside the first hand-in's job, and the server meets its health probes as behind a load
        // balancer.
        SpikeClass course = new SpikeClass(port, json);
        List<String> students = tokens(studentCount());
        graded(List.of(UUID.randomUUID()));
        if (!worker.awaitWarmUp(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the worker's warm-up did not end within 5 minutes");
        }
        if (!uploadWarmUp.await(Duration.ofMinutes(1))) { // the server's answers to itself, begun when it started listening
            throw new IllegalStateException("the server's HTTP warm-up did not end within a minute");
        }
        course.probeReadiness(HEALTH_PROBES);
        Path code = SpikeClass.ASSIGNMENTS.resolve("a1/solution/a1.py");
        Path pdf = SpikeClass.ASSIGNMENTS.resolve("demo-open/solution/report.pdf");
        course.warmUpUploads(code, pdf, CLIENT_WARM_UPS);
        report.warmUp((System.nanoTime() - warmUpStart) / 1_000_000, uploadWarmUp.answers());
        // after the start hand-ins arrive one at a time, as between deadlines: is the first slower than the tenth?
        List<Graded> oneByOne = new ArrayList<>();
        for (int i = 0; i < ONE_AT_A_TIME; i++) { // each start's hand-ins by the next students, within A1's daily limit
            String student = students.get(((start - 1) * ONE_AT_A_TIME + i) % students.size());
            oneByOne.add(awaitScores(List.of(course.handIn(student, "a1", code, pdf))).get(0));
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        SpikeFigures afterStart = new SpikeFigures(oneByOne, cpus);
        report.oneAtATime(start, starts, afterStart);
        AfterStart.of(start, afterStart).appendTo(AfterStart.file(dataDir));
        if (start < starts) {
            return; // the next start measures again; the last runs the spike
        }
        report.afterStarts(AfterStart.readAll(AfterStart.file(dataDir)));
        long postmaster = postmaster();
        long[] cpuBefore = HostCpu.ticks();
        CpuAccount.Reading accountsBefore = CpuAccount.read(postmaster);
        List<UUID> spike = atOnce(handins, i -> course.handIn(students.get(i % students.size()), "a1", code, pdf));
        List<Graded> graded = awaitScores(spike);
        long[] cpuAfter = HostCpu.ticks();
        CpuAccount.Reading accountsAfter = CpuAccount.read(postmaster);
        SpikeFigures figures = new SpikeFigures(graded, cpus);
        report.spike(figures, students.size(), worker.slotCount(), HostCpu.busyShare(cpuBefore, cpuAfter));
        report.cpu(figures, accountsAfter.since(accountsBefore));
        List<Graded> demo = new ArrayList<>();
        Path demoCode = SpikeClass.ASSIGNMENTS.resolve("demo-open/solution/handin.py");
        for (int i = 0; i < DEMO_HANDINS; i++) {
            UUID id = course.handIn(students.get(0), "demo-open", demoCode, pdf);
            demo.add(awaitScores(List.of(id)).get(0));
        }
        report.demo(new SpikeFigures(demo, cpus));
    }

    /** The pid of the PostgreSQL postmaster: the parent of this connection's backend, on this host. */
    private long postmaster() throws Exception {
        Number backend = QuarkusTransaction.requiringNew().call(
                () -> (Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult());
        String stat = java.nio.file.Files.readString(Path.of("/proc/" + backend.longValue() + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }

    /**
     * Enough students that fair share across them matters, and that none of them reaches A1's ten
     * hand-ins a day over every start's hand-ins one at a time and the spike.
     */
    private int studentCount() {
        return Math.max(4, (starts * ONE_AT_A_TIME + handins + 7) / 8);
    }

    /** An API token of each student the set-up enrolled, as each would sign in. */
    private List<String> tokens(int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            long id = accounts.byUsername(STUDENT + i).orElseThrow(
                    () -> new IllegalStateException("the set-up enrolled no " + STUDENT + "s")).id;
            tokens.add(credentials.issueToken(id, "spike-benchmark").token());
        }
        return tokens;
    }

    /** One hand-in of the spike. */
    @FunctionalInterface
    private interface Handin {
        UUID send(int index) throws Exception;
    }

    /** Sends {@code n} hand-ins from as many threads at once; returns their submission ids. */
    private static List<UUID> atOnce(int n, Handin handin) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(n);
        try {
            List<Future<UUID>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                sent.add(senders.submit(() -> handin.send(index)));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<UUID> f : sent) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            senders.shutdown();
        }
    }

    /** Waits until every job of the submissions has ended; returns what the database recorded. */
    private List<Graded> awaitScores(List<UUID> ids) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Graded> graded = graded(ids);
            if (graded.size() == ids.size()) {
                return graded;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the hand-ins were not all graded within " + TIMEOUT);
    }

    private List<Graded> graded(List<UUID> ids) throws Exception {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select s.id, extract(epoch from s.received_at) * 1000, extract(epoch from j.started_at) * 1000,
                       extract(epoch from j.finished_at) * 1000, j.state, coalesce(r.provenance::text, '{}')
                from submission s join grading_job j on j.submission_id = s.id
                left join grading_result r on r.job_id = j.id
                where s.id in (:ids) and j.state in ('done', 'failed', 'cancelled')""", Object[].class)
                .setParameter("ids", ids).getResultList());
        List<Graded> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Graded((UUID) r[0], millis(r[1]), millis(r[2]), millis(r[3]), (String) r[4],
                    json.readTree((String) r[5])));
        }
        return out;
    }

    private static long millis(Object epochMillis) {
        return Math.round(((Number) epochMillis).doubleValue());
    }
}

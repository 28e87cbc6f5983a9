package org.tensormark.loadtest;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.tensormark.benchmark.Percentiles;
import org.tensormark.benchmark.RunOnStart;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code tensormark load-test [N] [--window S]}: a deadline on a throw-away embedded database. N
 * students of the demo course sign in, then each hands in the demo solution (code and report) at a
 * random moment of a window of S seconds, over HTTP on the loopback interface, while this server's
 * worker grades. Prints receipt latency p50/p95/p99, errors by kind, whether every receipt's
 * hand-in is stored with the sizes it names, and how long the queue took to drain.
 */
@ApplicationScoped
public class LoadTest {

    private static final String ASSIGNMENT = "demo-open";
    private static final String PASSWORD = "load-test-password";
    private static final Pattern SUBMISSION_ID = Pattern.compile("\"(?:submissionId|id)\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final String mode;
    private final int port;
    private final EntityManager em;
    private final int students;
    private final int windowSeconds;
    private final Duration drainLimit;

    LoadTest(@ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode,
            @ConfigProperty(name = "quarkus.http.port") int port, EntityManager em,
            @ConfigProperty(name = "tensormark.load-test.students", defaultValue = "500") int students,
            @ConfigProperty(name = "tensormark.load-test.window-seconds", defaultValue = "60") int windowSeconds,
            @ConfigProperty(name = "tensormark.load-test.drain-limit", defaultValue = "PT30M") Duration drainLimit) {
        this.mode = mode;
        this.port = port;
        this.em = em;
        this.students = students;
        this.windowSeconds = windowSeconds;
        this.drainLimit = drainLimit;
    }

    void onStart(@Observes @Priority(6000) StartupEvent event) {
        if (!"load-test".equals(mode)) {
            return;
        }
        RunOnStart.start("load-test", this::run);
    }

    /** One student's hand-in as the client saw it. */
    private record Attempt(String student, int status, double millis, String error, String submissionId, String body) {
    }

    private boolean run() throws Exception {
        createStudents();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        byte[] code = Files.readAllBytes(Path.of("assignments", ASSIGNMENT, "solution", "handin.py"));
        byte[] report = Files.readAllBytes(Path.of("assignments", ASSIGNMENT, "solution", "report.pdf"));

        long t0 = System.nanoTime();
        Map<String, String> cookies = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (int i = 1; i <= students; i++) {
            String student = "load" + i;
            pool.submit(() -> cookies.put(student, login(http, student)));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.printf("%d of %d students signed in in %.1f s%n", cookies.size(), students, (System.nanoTime() - t0) / 1e9);

        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        SplittableRandom random = new SplittableRandom(20261203);
        var clock = Executors.newScheduledThreadPool(64);
        long start = System.nanoTime();
        for (int i = 1; i <= students; i++) {
            String student = "load" + i;
            long at = random.nextLong(windowSeconds * 1000L);
            clock.schedule(() -> attempts.add(handIn(http, student, cookies.get(student), code, report)), at,
                    TimeUnit.MILLISECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(windowSeconds + 600L, TimeUnit.SECONDS);
        double window = (System.nanoTime() - start) / 1e9;
        return report(attempts, window, code.length, report.length, start);
    }

    private boolean report(List<Attempt> attempts, double window, long codeSize, long reportSize, long start)
            throws InterruptedException {
        List<Double> ok = attempts.stream().filter(a -> a.status() == 201).map(Attempt::millis).sorted().toList();
        Map<String, Integer> errors = new TreeMap<>();
        attempts.stream().filter(a -> a.status() != 201)
                .forEach(a -> errors.merge(a.error(), 1, Integer::sum));
        System.out.printf("%d hand-ins sent in %.1f s: %d accepted, %d refused or failed%n", attempts.size(), window,
                ok.size(), attempts.size() - ok.size());
        if (!ok.isEmpty()) {
            System.out.printf("receipt latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (target: p99 under 1,000 ms)%n",
                    Percentiles.nearestRank(ok, 50), Percentiles.nearestRank(ok, 95), Percentiles.nearestRank(ok, 99), ok.get(ok.size() - 1));
        }
        errors.forEach((kind, n) -> System.out.printf("  error %-40s %d%n", kind, n));
        List<String> receipts = attempts.stream().filter(a -> a.status() == 201).map(Attempt::submissionId).toList();
        long stored = storedWithSizes(receipts, codeSize, reportSize);
        System.out.printf("receipts whose hand-in is stored with the sizes received: %d of %d%n", stored, receipts.size());
        double drained = drain(receipts, start);
        if (drained >= 0) {
            System.out.printf("queue drained %.1f s after the first hand-in (%.1f hand-ins graded per minute)%n", drained,
                    receipts.size() / drained * 60);
        } else {
            System.out.printf("queue not drained within %s%n", drainLimit);
        }
        return errors.isEmpty() && stored == receipts.size() && drained >= 0;
    }

    private String login(HttpClient http, String student) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + student + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(student + " could not sign in: " + r.statusCode() + " " + r.body());
            }
            return r.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(student + " could not sign in: " + e, e);
        }
    }

    private Attempt handIn(HttpClient http, String student, String cookie, byte[] code, byte[] report) {
        String boundary = "----tensormark-load-" + UUID.randomUUID();
        byte[] body = Multipart.of(boundary, Map.of("code", new Multipart.Part("handin.py", "text/x-python", code),
                "report", new Multipart.Part("report.pdf", "application/pdf", report)));
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/assignments/" + ASSIGNMENT + "/submissions"))
                    .header("Cookie", cookie).header("Idempotency-Key", student + "-load")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t) / 1e6;
            Matcher id = SUBMISSION_ID.matcher(r.body());
            String error = r.statusCode() == 201 ? null : "HTTP " + r.statusCode();
            return new Attempt(student, r.statusCode(), ms, error, id.find() ? id.group(1) : null, r.body());
        } catch (IOException | InterruptedException e) {
            return new Attempt(student, -1, (System.nanoTime() - t) / 1e6, e.getClass().getSimpleName(), null, "");
        }
    }

    /** How many of the receipts name a hand-in that is stored with both files at the sizes sent. */
    @Transactional
    long storedWithSizes(List<String> submissionIds, long codeSize, long reportSize) {
        if (submissionIds.isEmpty()) {
            return 0;
        }
        return ((Number) em.createNativeQuery("""
                select count(*) from submission s
                where s.id = any(cast(?1 as uuid[]))
                  and exists (select 1 from submission_file f where f.submission_id = s.id and f.role = 'code' and f.size = ?2)
                  and exists (select 1 from submission_file f where f.submission_id = s.id and f.role = 'report' and f.size = ?3)""")
                .setParameter(1, submissionIds.toArray(String[]::new)).setParameter(2, codeSize)
                .setParameter(3, reportSize).getSingleResult()).longValue();
    }

    /** Seconds from the first hand-in until every receipt's job has ended, or -1 past the limit. */
    private double drain(List<String> submissionIds, long start) throws InterruptedException {
        long deadline = System.nanoTime() + drainLimit.toNanos();
        AtomicInteger lastShown = new AtomicInteger(-1);
        while (System.nanoTime() < deadline) {
            long open = unfinished(submissionIds);
            if (open == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            int tenths = (int) (open * 10 / Math.max(1, submissionIds.size()));
            if (lastShown.getAndSet(tenths) != tenths) {
                System.out.printf("  %d jobs still waiting or running after %.0f s%n", open, (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(500);
        }
        return -1;
    }

    @Transactional
    long unfinished(List<String> submissionIds) {
        return ((Number) em.createNativeQuery("select count(*) from grading_job where submission_id = any(cast(?1 as uuid[]))"
                + " and state in ('queued', 'running')").setParameter(1, submissionIds.toArray(String[]::new))
                .getSingleResult()).longValue();
    }

    /** N students of the demo course sharing one password (hashed once: the load is the deadline, not account set-up). */
    @Transactional
    void createStudents() {
        String hash = BcryptUtil.bcryptHash(PASSWORD, 10);
        em.createNativeQuery("insert into app_user (username, display_name, password_hash)"
                + " select 'load' || g, 'Load Student ' || g, ?2 from generate_series(1, ?1) g")
                .setParameter(1, students).setParameter(2, hash).executeUpdate();
        em.createNativeQuery("insert into enrolment (course_id, user_id, role) select 'demo', id, 'student'"
                + " from app_user where username like 'load%'").executeUpdate();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

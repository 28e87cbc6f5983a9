package org.tensormark.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A deadline over HTTP, the one code path of both load-test modes: the students sign in, then each
 * hands in the same files at a random moment of the window; the figures are then read back
 * through the API as the course's staff ({@link DeadlineFigures}).
 */
final class Deadline {

    private final HttpApi api;
    private final LoadTestOptions options;
    private final PrintStream out;

    Deadline(HttpApi api, LoadTestOptions options, PrintStream out) {
        this.api = api;
        this.options = options;
        this.out = out;
    }

    /** One student's hand-in as the client saw it: the status (-1: no answer), the time to the receipt. */
    record Attempt(String student, int status, double millis, String error, String submissionId) {

        boolean accepted() {
            return status == 201;
        }
    }

    /** Runs the deadline; true when it met the targets (no errors, every receipt present, the queue drained). */
    boolean run(Handin handin) throws IOException, InterruptedException {
        String staff = api.signIn(options.staffUser(), options.staffPassword());
        List<String> students = new LoadStudents(api, out).ensure(staff, options.course(), options.students());
        Map<String, String> cookies = signIn(students);
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        for (String s : students) {
            if (!cookies.containsKey(s)) {
                attempts.add(new Attempt(s, -1, 0, "sign-in failed", null));
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        SplittableRandom random = new SplittableRandom(20261203);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(128);
        long start = System.nanoTime();
        for (String s : cookies.keySet().stream().sorted().toList()) {
            clock.schedule(() -> attempts.add(handIn(s, cookies.get(s), s + "-" + run, handin)),
                    random.nextLong(options.windowSeconds() * 1000L), TimeUnit.MILLISECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(options.windowSeconds() + 600L, TimeUnit.SECONDS);
        double sent = (System.nanoTime() - start) / 1e9;
        return new DeadlineFigures(api, staff, options, out).report(List.copyOf(attempts), sent, start, handin);
    }

    private Map<String, String> signIn(List<String> students) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, String> cookies = new ConcurrentHashMap<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (String s : students) {
            pool.submit(() -> {
                try {
                    cookies.put(s, api.signIn(s, LoadStudents.PASSWORD));
                } catch (IOException e) {
                    failures.merge(e.getMessage().split(":", 2)[0], 1, Integer::sum);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        out.printf("%d of %d students signed in in %.1f s%n", cookies.size(), students.size(), (System.nanoTime() - t0) / 1e9);
        failures.forEach((why, n) -> out.printf("  sign-in refused (%s): %d%n", why, n));
        return cookies;
    }

    private Attempt handIn(String student, String cookie, String key, Handin handin) {
        String boundary = "----tensormark-load-" + UUID.randomUUID();
        HttpRequest request = api.request("/api/assignments/" + options.assignment() + "/submissions", cookie)
                .header("Idempotency-Key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(handin.multipart(boundary))).build();
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = api.exchange(request);
            double ms = (System.nanoTime() - t) / 1e6;
            JsonNode body = HttpApi.parse(r.body());
            return new Attempt(student, r.statusCode(), ms, r.statusCode() == 201 ? null : errorKind(r.statusCode(), body),
                    body.path("submissionId").asText(null));
        } catch (IOException e) {
            return new Attempt(student, -1, (System.nanoTime() - t) / 1e6, e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(student, -1, (System.nanoTime() - t) / 1e6, "interrupted", null);
        }
    }

    private static String errorKind(int status, JsonNode problem) {
        String title = problem.path("title").asText("");
        return "HTTP " + status + (title.isEmpty() ? "" : " " + title);
    }
}

package org.tensormark.dashboard;

import static org.tensormark.benchmark.Percentiles.nearestRank;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tensormark.benchmark.RunOnStart;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.Credentials;

/**
 * {@code tensormark dashboard-benchmark}: on a throw-away embedded database, generates a course of
 * 500 students × 10 assignments (5,000 scored hand-ins, 20,000 check results), then times the
 * dashboard's API over HTTP as an instructor and prints the median and 95th percentile.
 */
@ApplicationScoped
public class DashboardBenchmark {

    private static final int STUDENTS = 500;
    private static final int ASSIGNMENTS = 10;
    private static final int ROUNDS = 30;

    private final String mode;
    private final int port;
    private final AssignmentSync sync;
    private final Accounts accounts;
    private final Credentials credentials;
    private final EntityManager em;

    DashboardBenchmark(@ConfigProperty(name = "tensormark.mode", defaultValue = "serve") String mode,
            @ConfigProperty(name = "quarkus.http.port") int port, AssignmentSync sync, Accounts accounts,
            Credentials credentials, EntityManager em) {
        this.mode = mode;
        this.port = port;
        this.sync = sync;
        this.accounts = accounts;
        this.credentials = credentials;
        this.em = em;
    }

    void onStart(@Observes @Priority(6000) StartupEvent event) {
        if (!"dashboard-benchmark".equals(mode)) {
            return;
        }
        RunOnStart.start("dashboard-benchmark", () -> {
            run();
            return true;
        });
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        sync.sync(courseFolder());
        String token = generate();
        System.out.printf("generated %d students x %d assignments in %.1f s%n", STUDENTS, ASSIGNMENTS,
                (System.nanoTime() - t0) / 1e9);
        HttpClient http = HttpClient.newHttpClient();
        List<String> paths = new ArrayList<>();
        for (int a = 1; a <= ASSIGNMENTS; a++) {
            paths.add("/api/assignments/bench-a" + a + "/overview");
        }
        paths.add("/api/courses/bench/gradebook");
        paths.add("/api/courses/bench/gradebook?filter=late");
        paths.add("/api/courses/bench/gradebook.csv");
        for (String path : paths) {
            get(http, token, path);
        }
        List<Double> all = new ArrayList<>();
        for (String path : paths) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                times.add(get(http, token, path));
            }
            all.addAll(times);
            if (!path.contains("/overview") || path.contains("bench-a1/")) {
                System.out.printf("%-45s p50 %6.1f ms  p95 %6.1f ms%n", path, nearestRank(times, 50), nearestRank(times, 95));
            }
        }
        System.out.printf("all %d dashboard requests: p50 %.1f ms, p95 %.1f ms, max %.1f ms (target: p95 under 300 ms)%n",
                all.size(), nearestRank(all, 50), nearestRank(all, 95), Collections.max(all));
    }

    private double get(HttpClient http, String token, String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return ms;
    }

    private static Path courseFolder() throws IOException {
        Path dir = Files.createTempDirectory("bench-course");
        Files.writeString(dir.resolve("bench.course.yaml"), "id: bench\ntitle: Benchmark course\n");
        for (int a = 1; a <= ASSIGNMENTS; a++) {
            Path folder = Files.createDirectories(dir.resolve("bench-a" + a));
            Files.writeString(folder.resolve("assignment.yaml"), "id: bench-a" + a + "\ncourse: bench\ntitle: Bench " + a
                    + "\nrelease: \"-30d\"\ndue: \"" + String.format("%+dd", -21 + 2 * a) + "\"\nfiles:\n  - role: code\n    types: [py]\n"
                    + "    max_size: 1MB\nchecks:\n  - id: forward\n    kind: manual\n    points: 4\n"
                    + "  - id: backward\n    kind: manual\n    points: 3\n  - id: training\n    kind: manual\n    points: 2\n"
                    + "  - id: review\n    kind: manual\n    points: 1\n");
        }
        return dir;
    }

    @Transactional
    String generate() {
        em.createNativeQuery("insert into app_user (username, display_name) select 'student' || g, 'Student ' || g"
                + " from generate_series(1, ?1) g").setParameter(1, STUDENTS).executeUpdate();
        em.createNativeQuery("insert into enrolment (course_id, user_id, role) select 'bench', id, 'student'"
                + " from app_user where username like 'student%'").executeUpdate();
        em.createNativeQuery("""
                insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)
                select gen_random_uuid(), a.id, a.current_version, u.id,
                       v.due_at - interval '3 days' + random() * interval '4 days'
                from app_user u cross join assignment a join assignment_version v
                  on v.assignment_id = a.id and v.version = a.current_version
                where u.username like 'student%' and a.course_id = 'bench' and random() < 0.95""").executeUpdate();
        em.createNativeQuery("""
                insert into grading_job (submission_id, purpose, priority, state, attempts, finished_at)
                select id, 'handin', 100, 'done', 1, received_at + interval '5 seconds' from submission
                where assignment_id like 'bench-%'""").executeUpdate();
        em.createNativeQuery("""
                insert into grading_result (job_id, submission_id, assignment_version, outcome, raw_points, max_points,
                    late_penalty_percent, late_sentence, final_points, provenance)
                select j.id, s.id, s.assignment_version, 'scored', 0, 10, 0, 'generated', 0, '{}'::jsonb
                from grading_job j join submission s on s.id = j.submission_id where s.assignment_id like 'bench-%'""")
                .executeUpdate();
        em.createNativeQuery("""
                insert into check_result (result_id, check_id, kind, visibility, points, max_points, status, summary, details)
                select r.id, c.check_id, 'manual', 'visible', c.max * p.share, c.max,
                       case when p.share = 1 then 'passed' when p.share = 0 then 'failed' else 'partial' end, 'generated', '{}'::jsonb
                from grading_result r
                cross join (values ('forward', 4), ('backward', 3), ('training', 2), ('review', 1)) c(check_id, max)
                cross join lateral (select (floor(random() * 3) / 2)::double precision as share) p
                join submission s on s.id = r.submission_id where s.assignment_id like 'bench-%'""").executeUpdate();
        em.createNativeQuery("""
                update grading_result r set raw_points = t.raw, final_points = t.raw,
                    late_penalty_percent = case when s.received_at > v.due_at then 5 else 0 end
                from (select result_id, sum(points) raw from check_result group by result_id) t, submission s,
                     assignment_version v
                where t.result_id = r.id and s.id = r.submission_id and v.assignment_id = s.assignment_id
                  and v.version = s.assignment_version and s.assignment_id like 'bench-%'""").executeUpdate();
        long instructor = accounts.byUsername("bench-instructor")
                .orElseGet(() -> accounts.create("bench-instructor", "Bench Instructor", null, false)).id;
        accounts.enrol(instructor, "bench", CourseRole.INSTRUCTOR);
        return credentials.issueToken(instructor, "benchmark").token();
    }
}

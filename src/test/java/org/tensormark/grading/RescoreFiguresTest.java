package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.course.AssignmentSync;
import org.tensormark.identity.DemoAccounts;
import org.tensormark.identity.TestLogins;

/**
 * The figure of issue 12: how long a tolerance change takes to preview over many kept hand-ins
 * (default 500, {@code -Dtensormark.rescore.handins=N}). One hand-in is graded in the sandbox; its
 * kept runs are then copied for N hand-ins recorded as the worker would (each copy a run of its
 * own, as each student's hand-in has), and the shadow regrade of all of them must start no sandbox
 * and read and write them in batches, not one hand-in at a time. The time is printed, not
 * asserted (it depends on the machine).
 */
@QuarkusTest
class RescoreFiguresTest {

    private static final int HANDINS = Integer.getInteger("tensormark.rescore.handins", 500);

    @Inject
    AssignmentSync sync;

    @Inject
    DemoAccounts demo;

    @Inject
    Worker worker;

    @Inject
    EntityManager em;

    @Inject
    RunAgain again;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aToleranceChangeOverManyKeptHandInsIsRescoredWithoutASandbox() throws Exception {
        String course = ClassFixture.uniqueId("figures");
        String assignment = course + "-a";
        Path folder = Files.createTempDirectory("rescore-figures");
        Files.writeString(folder.resolve(course + ".course.yaml"), "id: " + course + "\ntitle: Figures\n");
        write(folder, assignment, course, "1.0e-6");
        sync.sync(folder);
        demo.ensure();
        UUID graded;
        worker.start(1);
        try {
            graded = handInAndWait(assignment);
        } finally {
            worker.stop();
        }
        QuarkusTransaction.requiringNew().run(() -> copies(graded, HANDINS - 1));
        long sandboxRuns = again.sandboxRuns();
        write(folder, assignment, course, "1.0e-2");
        dataSource.getConfiguration().setMetricsEnabled(true);
        long connections = dataSource.getMetrics().acquireCount();
        long start = System.nanoTime();
        sync.sync(folder);
        double seconds = (System.nanoTime() - start) / 1e9;
        long used = dataSource.getMetrics().acquireCount() - connections;
        System.out.printf("rescore figure: a tolerance change over %d kept hand-ins previewed in %.1f s (%.1f ms each),"
                + " %d sandbox runs, %d database connections taken%n", HANDINS, seconds, 1000 * seconds / HANDINS,
                again.sandboxRuns() - sandboxRuns, used);
        assertTrue(used < HANDINS / 4, "the rescore took " + used + " database connections for " + HANDINS
                + " hand-ins: it reads and writes them one by one instead of in batches");
        Object[] regrade = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                select g.state, g.sandbox_runs, (select count(*) from shadow_regrade_entry e where e.regrade_id = g.id)
                from shadow_regrade g where g.assignment_id = ?1""").setParameter(1, assignment).getSingleResult());
        assertEquals(List.of("ready", 0, (long) HANDINS), List.of(regrade[0], ((Number) regrade[1]).intValue(),
                ((Number) regrade[2]).longValue()));
        assertEquals(sandboxRuns, again.sandboxRuns());
    }

    /** {@code n} hand-ins by the same student with the graded one's files, result, checks and kept runs. */
    private void copies(UUID graded, int n) {
        em.createNativeQuery("""
                create temporary table figure_copy on commit drop as
                select gen_random_uuid() as id from generate_series(1, ?1)""").setParameter(1, n).executeUpdate();
        em.createNativeQuery("""
                create or replace function pg_temp.copy_run(run bigint) returns bigint language sql as $$
                    insert into sandbox_run (job_id, run_group, verdict, verdict_text, exit_code, signal, wall_ms,
                        cpu_ms, peak_memory_bytes, stdout, stderr, plan_sha256, call_hashes, outputs, stdout_sha256,
                        stderr_sha256)
                    select null, run_group, verdict, verdict_text, exit_code, signal, wall_ms, cpu_ms,
                        peak_memory_bytes, stdout, stderr, plan_sha256, call_hashes, outputs, stdout_sha256,
                        stderr_sha256
                    from sandbox_run where id = run returning id $$""").executeUpdate();
        em.createNativeQuery("""
                insert into submission (id, assignment_id, assignment_version, submitter_id, team_id, received_at)
                select c.id, s.assignment_id, s.assignment_version, s.submitter_id, s.team_id, s.received_at
                from figure_copy c, submission s where s.id = ?1""").setParameter(1, graded).executeUpdate();
        em.createNativeQuery("""
                insert into submission_file (submission_id, role, filename, sha256, size)
                select c.id, f.role, f.filename, f.sha256, f.size from figure_copy c, submission_file f
                where f.submission_id = ?1""").setParameter(1, graded).executeUpdate();
        em.createNativeQuery("""
                insert into grading_result (submission_id, assignment_version, outcome, raw_points, max_points,
                    late_penalty_percent, late_sentence, final_points, provenance, run_ids)
                select c.id, r.assignment_version, r.outcome, r.raw_points, r.max_points, r.late_penalty_percent,
                    r.late_sentence, r.final_points, r.provenance,
                    array(select pg_temp.copy_run(k) from unnest(r.run_ids) k)
                from figure_copy c, grading_result r where r.submission_id = ?1""").setParameter(1, graded).executeUpdate();
        em.createNativeQuery("""
                insert into check_result (result_id, check_id, kind, visibility, points, max_points, status, summary,
                    details)
                select n.id, k.check_id, k.kind, k.visibility, k.points, k.max_points, k.status, k.summary, k.details
                from grading_result n join figure_copy c on c.id = n.submission_id,
                    grading_result r join check_result k on k.result_id = r.id
                where r.submission_id = ?1""").setParameter(1, graded).executeUpdate();
    }

    private static void write(Path folder, String assignment, String course, String rtol) throws IOException {
        Path dir = folder.resolve(assignment);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("assignment.yaml"), "id: " + assignment + "\ncourse: " + course
                + "\ntitle: Figures\nrelease: 2026-01-05T09:00\ndue: 2027-06-30T23:59\n"
                + "files:\n  - role: code\n    types: [py]\n    max_size: 1MB\n"
                + "checks:\n"
                + "  - {id: softmax, kind: tensor, points: 4, visibility: visible, function: softmax, reference: softmax,\n"
                + "     args: [x], inputs: {x: {shape: [4, 3]}}, outputs: [y],\n"
                + "     cases: [{seed: 1}, {seed: 2}, {seed: 3}], rtol: " + rtol + ", atol: 1.0e-9}\n"
                + "  - {id: relu, kind: tensor, points: 2, visibility: hidden, function: relu, reference: relu,\n"
                + "     args: [x], inputs: {x: {shape: [5, 2]}}, outputs: [y], cases: [{seed: 7}]}\n"
                + "  - {id: review, kind: manual, points: 2, visibility: visible}\n");
    }

    private static UUID handInAndWait(String assignment) throws InterruptedException {
        String id = TestLogins.as("alice").multiPart("code", "net.py",
                        ShadowRegradeTest.ROUNDED.getBytes(StandardCharsets.UTF_8))
                .post("/api/assignments/" + assignment + "/submissions").then().statusCode(201).extract()
                .path("submissionId");
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            String status = TestLogins.as("alice").get("/api/submissions/" + id + "/result").then().extract().path("status");
            if ("scored".equals(status)) {
                return UUID.fromString(id);
            }
            Thread.sleep(300);
        }
        fail("hand-in " + id + " was not scored within 180 s");
        return null;
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.database.EmbeddedDatabase;

/**
 * The claim query on a queue that has run for a term: 100,000 finished jobs and 1,000 queued
 * ones. Its plan reads the queued jobs through their partial index and never scans the finished
 * ones, never reads the hand-ins, and counts a student's waiting jobs for the fair share in the
 * partial index on the job's own submitter, so a claim costs the same in week 13 as in week 1,
 * and at a deadline with thousands of jobs waiting. Prints the plan it checks.
 */
class ClaimQueryPlanTest {

    private static final int FINISHED = 100_000;
    private static final int QUEUED = 1_000;
    private static final int STUDENTS = 500;

    @TempDir
    Path dir;

    @Test
    void theClaimQueryReadsQueuedJobsThroughAnIndexAndNeverScansTheFinishedOnes() throws Exception {
        try (EmbeddedDatabase db = migrated()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                fill(c.createStatement(), FINISHED, QUEUED);
                String plan = explain(c);
                System.out.printf("claim query, %d finished and %d queued jobs:%n%s%n", FINISHED, QUEUED, plan);
                assertTrue(plan.contains("Index Scan using grading_job_queued") || plan.contains("Bitmap Index Scan on grading_job_queued"),
                        "the queued jobs are found through grading_job_queued:\n" + plan);
                assertFalse(plan.contains("Seq Scan on grading_job"), "no sequential scan of the jobs table:\n" + plan);
                assertTrue(plan.contains("Index Only Scan using grading_job_fair_share"),
                        "the fair share counts a student's waiting jobs in grading_job_fair_share alone:\n" + plan);
                assertFalse(plan.contains(" on submission "),
                        "a claim never reads the hand-ins, neither for the fair share nor for the assignment:\n" + plan);
            }
        }
    }

    private EmbeddedDatabase migrated() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"));
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                .load().migrate();
        return db;
    }

    /** {@code finished} done jobs, then {@code queued} waiting ones, spread over the students in turn. */
    private static void fill(Statement sql, int finished, int queued) throws Exception {
        sql.execute("insert into course (id, title) values ('plan', 'Plan')");
        sql.execute("insert into assignment (id, course_id, current_version) values ('plan-a', 'plan', 1)");
        sql.execute("insert into assignment_version (assignment_id, version, content_sha256, title, group_work, max_group_size,"
                + " release_at, due_at, spec) values ('plan-a', 1, 'x', 'A', false, 1, now(), now(), '{}')");
        sql.execute("insert into app_user (username, display_name) select 'plan' || g, 'P' || g from generate_series(1, "
                + STUDENTS + ") g");
        sql.execute("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                + " select gen_random_uuid(), 'plan-a', 1, u.id, now() - make_interval(secs => " + (finished + queued)
                + " - g) from generate_series(1, " + (finished + queued) + ") g join app_user u on u.username = 'plan' || (1 + g % "
                + STUDENTS + ")");
        sql.execute("insert into grading_job (submission_id, purpose, priority, state, attempts, enqueued_at, started_at,"
                + " finished_at) select id, 'handin', 10, 'done', 1, received_at, received_at, received_at from submission"
                + " order by received_at");
        sql.execute("update grading_job set state = 'queued', started_at = null, finished_at = null, attempts = 0"
                + " where id > " + finished);
        sql.execute("vacuum analyze");
    }

    private static String claimSql() {
        return JobClaims.CLAIM.replace("?1", "'plan-worker'").replace("?2", "60").replace("?3", "'course-cpu'")
                .replace("?4", "'course-cpu'").replace("?5", "false").replace("?6", "600");
    }

    /** The plan of a real claim (run, then rolled back), with its parameters as literals. */
    private static String explain(Connection c) throws Exception {
        c.setAutoCommit(false);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = c.createStatement().executeQuery("explain (analyze, costs off) " + claimSql())) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        } finally {
            c.rollback();
        }
        return plan.toString();
    }
}

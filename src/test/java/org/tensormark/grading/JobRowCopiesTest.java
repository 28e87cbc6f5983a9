package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensormark.database.EmbeddedDatabase;

/**
 * A job row carries its hand-in's submitter and assignment version for the claim query (V421):
 * jobs queued before the migration get them from their submissions, and every job inserted after
 * it gets them whatever the insert names.
 */
class JobRowCopiesTest {

    @TempDir
    Path dir;

    @Test
    void jobsQueuedBeforeTheMigrationAndAfterItCarryTheirHandinsSubmitterAndAssignmentVersion() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"));
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            flyway(db).target("420").load().migrate();
            Statement sql = c.createStatement();
            sql.execute("insert into course (id, title) values ('copies', 'Copies')");
            sql.execute("insert into assignment (id, course_id, current_version) values ('copies-a', 'copies', 2)");
            sql.execute("insert into assignment_version (assignment_id, version, content_sha256, title, group_work,"
                    + " max_group_size, release_at, due_at, spec) select 'copies-a', v, 'x' || v, 'A', false, 1, now(),"
                    + " now(), '{}' from generate_series(1, 2) v");
            sql.execute("insert into app_user (username, display_name) values ('copies1', 'C1'), ('copies2', 'C2')");
            sql.execute("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                    + " select gen_random_uuid(), 'copies-a', v, u.id, now() from generate_series(1, 2) v"
                    + " join app_user u on u.username = 'copies' || v");
            sql.execute("insert into grading_job (submission_id, purpose, priority, state)"
                    + " select id, 'handin', 100, 'queued' from submission");

            flyway(db).load().migrate();
            sql.execute("insert into grading_job (submission_id, purpose, priority, state)"
                    + " select id, 'regrade', 10, 'queued' from submission");

            assertEquals(List.of("copies1 copies-a 1", "copies2 copies-a 2", "copies1 copies-a 1", "copies2 copies-a 2"),
                    copies(sql), "submitter, assignment and version of each job, before and after the migration");
        }
    }

    private static FluentConfiguration flyway(EmbeddedDatabase db) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration");
    }

    private static List<String> copies(Statement sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("select u.username, j.job_assignment_id, j.job_assignment_version"
                + " from grading_job j join app_user u on u.id = j.job_submitter_id order by j.id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }
}

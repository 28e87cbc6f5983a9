package org.tensormark.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers starting together on an empty database (a Kubernetes Deployment's first
 * rollout) migrate it once: Flyway holds a PostgreSQL advisory lock while it migrates, so the
 * second waits and then finds nothing left to do.
 */
class ConcurrentMigrationTest {

    @TempDir
    Path dir;

    @Test
    void twoServersMigratingAnEmptyDatabaseTogetherApplyEachMigrationOnce() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            CyclicBarrier together = new CyclicBarrier(2);
            Callable<Integer> server = () -> {
                Flyway flyway = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                        .locations("classpath:db/migration").load();
                together.await();
                return flyway.migrate().migrationsExecuted;
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> runs = pool.invokeAll(List.of(server, server), 5, TimeUnit.MINUTES);
            pool.shutdown();
            int executed = runs.get(0).get() + runs.get(1).get();

            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    ResultSet rs = c.createStatement().executeQuery("select count(*), count(distinct version),"
                            + " count(*) filter (where not success) from flyway_schema_history where version is not null")) {
                rs.next();
                int applied = rs.getInt(1);
                System.out.printf("two concurrent migrations: %d migrations applied once, %d run by the first, %d by the"
                        + " second%n", applied, Math.max(runs.get(0).get(), runs.get(1).get()),
                        Math.min(runs.get(0).get(), runs.get(1).get()));
                assertEquals(applied, rs.getInt(2), "no version applied twice");
                assertEquals(0, rs.getInt(3), "no failed migration");
                assertEquals(applied, executed, "each migration was run by exactly one of the two");
                assertEquals(0, Math.min(runs.get(0).get(), runs.get(1).get()), "the second found nothing left to do");
            }
        }
    }
}

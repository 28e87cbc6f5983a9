package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tensormark.submission.IntakeCourse;

/** The retention sweep deletes old finished job rows that nothing needs, and nothing else. */
@QuarkusTest
class FinishedJobRetentionTest {

    @Inject
    FinishedJobRetention retention;

    @Inject
    EntityManager em;

    @Inject
    IntakeCourse course;

    @Test
    void oldSupersededJobsGoWhileResultsRunsTheNewestJobAndRecentOnesStay() {
        course.ensure();
        UUID handin = submission();
        job(handin, "failed", 40);
        job(handin, "cancelled", 40);
        long recentFailed = job(handin, "failed", 5);
        long newest = job(handin, "done", 40);
        UUID lone = submission();
        long onlyJob = job(lone, "failed", 40);

        int deleted = retention.sweep(Instant.now().minus(Duration.ofDays(30)));

        assertEquals(2, deleted);
        assertEquals(List.of(recentFailed, newest, onlyJob), remaining(handin, lone));
    }

    @Test
    void aJobThatAKeptRunRefersToIsKeptHoweverOld() {
        course.ensure();
        UUID handin = submission();
        long withRun = job(handin, "failed", 90);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into sandbox_run (job_id, run_group, verdict,"
                + " verdict_text, exit_code, signal, wall_ms, cpu_ms, peak_memory_bytes, stdout, stderr)"
                + " values (?1, 'visible', 'ok', '', 0, 0, 1, 1, 1, '', '')").setParameter(1, withRun)
                .executeUpdate());
        long newest = job(handin, "done", 1);

        retention.sweep(Instant.now().minus(Duration.ofDays(30)));

        assertEquals(List.of(withRun, newest), remaining(handin, handin));
    }

    private UUID submission() {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                            + " select ?1, 'in-open', current_version, (select id from app_user where username = 'alice'),"
                            + " now() - interval '60 days' from assignment where id = 'in-open'")
                    .setParameter(1, id).executeUpdate();
            return id;
        });
    }

    private long job(UUID submission, String state, int daysAgo) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("insert into grading_job"
                        + " (submission_id, purpose, priority, state, attempts, enqueued_at, finished_at)"
                        + " values (?1, 'handin', 10, ?2, 1, now() - make_interval(days => ?3),"
                        + " now() - make_interval(days => ?3)) returning id")
                .setParameter(1, submission).setParameter(2, state).setParameter(3, daysAgo).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<Long> remaining(UUID a, UUID b) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Number>) em.createNativeQuery("select id from grading_job"
                        + " where submission_id in (?1, ?2) order by id").setParameter(1, a).setParameter(2, b)
                .getResultList()).stream().map(Number::longValue).toList());
    }
}

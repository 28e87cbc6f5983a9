package org.tensormark.grading;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes the rows of jobs that finished longer ago than {@code tensormark.queue.keep-finished}
 * and that nothing needs: no result and no kept run refers to them, and a newer job of the same
 * hand-in exists (its newest job says what became of it). What stays is what results and the
 * dashboard read; the claim query never reads finished rows at all (V418's partial indexes).
 * Every process may run the sweep; the deletions are the same whoever runs them.
 */
@ApplicationScoped
class FinishedJobRetention {

    private static final Logger LOG = Logger.getLogger(FinishedJobRetention.class);

    private final EntityManager em;
    private final Duration keep;

    FinishedJobRetention(EntityManager em, QueueConfig config) {
        this.em = em;
        this.keep = config.keepFinished();
        if (keep.isNegative()) {
            throw new IllegalArgumentException("tensormark.queue.keep-finished must be P0D (keep all) or longer, was " + keep);
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (keep.isZero()) {
            return;
        }
        int deleted = sweep(Instant.now().minus(keep));
        if (deleted > 0) {
            LOG.infof("deleted %d finished job rows older than %s that no result refers to", deleted, keep);
        }
    }

    /** Deletes the unneeded rows of jobs finished before {@code cutoff}; returns how many. */
    @Transactional
    int sweep(Instant cutoff) {
        return em.createNativeQuery("""
                delete from grading_job j
                where j.state in ('done', 'failed', 'cancelled') and j.finished_at < ?1
                  and not exists (select 1 from grading_result r where r.job_id = j.id)
                  and not exists (select 1 from sandbox_run r where r.job_id = j.id)
                  and exists (select 1 from grading_job newer where newer.submission_id = j.submission_id
                              and newer.id > j.id)""")
                .setParameter(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).executeUpdate();
    }
}

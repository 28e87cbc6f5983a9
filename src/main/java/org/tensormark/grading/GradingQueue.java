package org.tensormark.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.tensormark.submission.HandinStored;

/**
 * The queue of grading jobs, kept in PostgreSQL rows. Enqueueing joins the caller's transaction,
 * so a hand-in and its job commit together or not at all.
 */
@ApplicationScoped
public class GradingQueue {

    /** Hand-ins outrank bulk regrades. */
    public static final int HANDIN_PRIORITY = 100;
    public static final int REGRADE_PRIORITY = 10;

    private final EntityManager em;

    GradingQueue(EntityManager em) {
        this.em = em;
    }

    /** Queues the grading of a new hand-in in the transaction that stored it. */
    void onHandinStored(@Observes HandinStored stored) {
        enqueue(stored.submissionId(), false);
    }

    /**
     * Queues a job for a submission inside the current transaction and announces it to listening
     * workers ({@link JobAlerts}); PostgreSQL delivers the announcement only if the transaction
     * commits. Returns the job's id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long enqueue(UUID submissionId, boolean regrade) {
        long id = ((Number) em.createNativeQuery("insert into grading_job (submission_id, purpose, priority, state)"
                        + " values (?1, ?2, ?3, 'queued') returning id")
                .setParameter(1, submissionId)
                .setParameter(2, regrade ? "regrade" : "handin")
                .setParameter(3, regrade ? REGRADE_PRIORITY : HANDIN_PRIORITY)
                .getSingleResult()).longValue();
        em.createNativeQuery("select 1 from pg_notify(?1, '')").setParameter(1, JobAlerts.CHANNEL).getSingleResult();
        return id;
    }

    /**
     * Queues, inside the current transaction, the worker's rerun of the calls a new assignment
     * version changed for one hand-in of a shadow regrade ({@link ShadowReruns}); behind hand-ins.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long enqueueRerun(UUID submissionId, long shadowRegradeId, long rescoreOf) {
        long id = ((Number) em.createNativeQuery("insert into grading_job (submission_id, purpose, priority, state,"
                        + " shadow_regrade_id, rescore_of) values (?1, ?2, ?3, 'queued', ?4, ?5) returning id")
                .setParameter(1, submissionId).setParameter(2, ShadowReruns.PURPOSE).setParameter(3, REGRADE_PRIORITY)
                .setParameter(4, shadowRegradeId).setParameter(5, rescoreOf).getSingleResult()).longValue();
        em.createNativeQuery("select 1 from pg_notify(?1, '')").setParameter(1, JobAlerts.CHANNEL).getSingleResult();
        return id;
    }
}

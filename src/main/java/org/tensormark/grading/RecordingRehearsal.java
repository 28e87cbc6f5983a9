package org.tensormark.grading;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;

/**
 * The database half of a job, rehearsed by a starting worker's {@link SelfCheck}: the self-check's
 * runs are recorded as a hand-in of the released assignment due last would be, by the first
 * account, through {@link Grader#lookUpAndRecord} (the hand-in's lookups, its lateness, the runs'
 * files and rows, the result and its checks' rows, the audit entry), each time in a transaction
 * that is rolled back. The rows never become visible to anyone and no one is told of the job (a
 * notification sent in a transaction rolled back is never delivered); what stays is the runs'
 * files in the blob store, which {@code BlobJanitor} removes as it removes any file no committed row
 * references, and the sequence numbers the rows took. Without it a job's database work is first done, and compiled, during the first
 * hand-ins after a start (its recording took 49 ms against 8 for the tenth on a 2-CPU host, README
 * "Measuring").
 */
@ApplicationScoped
class RecordingRehearsal {

    /** The lease owner of the rehearsed jobs. */
    static final String WORKER = "self-check";

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final GradingQueue queue;
    private final Grader grader;
    private final UserTransaction transaction;

    RecordingRehearsal(EntityManager em, AssignmentCatalog catalog, GradingQueue queue, Grader grader,
            UserTransaction transaction) {
        this.em = em;
        this.catalog = catalog;
        this.queue = queue;
        this.grader = grader;
        this.transaction = transaction;
    }

    /**
     * Records {@code run} {@code times} times, each in a transaction rolled back; returns how many
     * times it did: 0 when there is no released assignment or no account to record it for yet.
     */
    int rehearse(CheckRun.Outcome run, int times) throws IOException, PlatformFailure {
        Optional<AssignmentView> released = catalog.releasedDueLast(1).stream().findFirst();
        Optional<Long> account = firstAccount();
        if (released.isEmpty() || account.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < times; i++) {
            try {
                transaction.begin();
            } catch (NotSupportedException | SystemException e) {
                throw new IllegalStateException("the warm-up thread has a transaction already", e);
            }
            try {
                once(run, released.get(), account.get());
            } finally {
                rollback();
            }
        }
        return times;
    }

    private Optional<Long> firstAccount() {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(
                (Number) em.createNativeQuery("select min(id) from app_user").getSingleResult()).map(Number::longValue));
    }

    private void rollback() {
        try {
            transaction.rollback();
        } catch (SystemException e) {
            throw new IllegalStateException("rolling back a rehearsed recording", e);
        }
    }

    private void once(CheckRun.Outcome run, AssignmentView version, long account) throws IOException, PlatformFailure {
        UUID handin = UUID.randomUUID();
        em.createNativeQuery("insert into submission (id, assignment_id, assignment_version, submitter_id, received_at)"
                        + " values (?1, ?2, ?3, ?4, now())")
                .setParameter(1, handin).setParameter(2, version.id()).setParameter(3, version.version())
                .setParameter(4, account).executeUpdate();
        long job = queue.enqueue(handin, false);
        em.createNativeQuery("update grading_job set state = 'running', attempts = 1, lease_owner = ?2,"
                        + " lease_expires_at = now() + interval '1 minute', started_at = now() where id = ?1")
                .setParameter(1, job).setParameter(2, WORKER).executeUpdate();
        grader.lookUpAndRecord(new JobClaims.Claim(job, handin, 1, "handin", Duration.ZERO), WORKER, run);
    }
}

package org.tensormark.submission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;

/** The transactional half of intake: rows for a stored hand-in, and receipts read back from them. */
@ApplicationScoped
class SubmissionLedger {

    private final EntityManager em;
    private final SubmissionRows rows;
    private final Deadlines deadlines;

    SubmissionLedger(EntityManager em, SubmissionRows rows, Deadlines deadlines) {
        this.em = em;
        this.rows = rows;
        this.deadlines = deadlines;
    }

    /** Everything one hand-in commits. */
    record NewSubmission(AssignmentView assignment, long userId, Long teamId, Instant receivedAt, String key,
            List<Receipt.FileReceipt> files, LateDecision late) {
    }

    /**
     * Commits the hand-in; if a concurrent retry with the same key committed first, returns that
     * one's receipt instead of a second hand-in (or a refusal: that retry may have taken the
     * day's last hand-in).
     */
    Receipt commit(NewSubmission s) {
        try {
            // The receipt is read in the rows' own transaction, before they commit: the commit wakes a worker,
            // whose job then no longer starts beside this request's reads (a connection's first ones are slow).
            return QuarkusTransaction.joiningExisting().call(() -> receipt(rows.insert(s)).orElseThrow());
        } catch (RuntimeException e) {
            if (s.key() != null) {
                return receiptFor(s.userId(), s.key()).map(Receipt::asReplay).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Transactional
    Optional<Receipt> receiptFor(long userId, String key) {
        return em.createQuery("select id from Submission where submitterId = :u and idempotencyKey = :k", UUID.class)
                .setParameter("u", userId).setParameter("k", key).getResultStream().findFirst()
                .flatMap(this::receipt);
    }

    @Transactional
    Optional<Receipt> receipt(UUID id) {
        Submission s = em.find(Submission.class, id);
        if (s == null) {
            return Optional.empty();
        }
        List<Receipt.FileReceipt> files = em.createQuery("from SubmissionFile where submissionId = :id order by role",
                        SubmissionFile.class).setParameter("id", id).getResultStream()
                .map(f -> new Receipt.FileReceipt(f.role, f.filename, f.sha256, f.size)).toList();
        String zone = (String) em.createNativeQuery("select c.time_zone from course c join assignment a"
                + " on a.course_id = c.id where a.id = ?1").setParameter(1, s.assignmentId).getSingleResult();
        String local = HandinRules.DISPLAY.format(s.receivedAt.atZone(java.time.ZoneId.of(zone)));
        String lateness = deadlines.lateness(s.assignmentId, s.assignmentVersion, s.submitterId, s.teamId,
                s.receivedAt).sentence();
        return Optional.of(new Receipt(s.id, s.assignmentId, s.assignmentVersion, s.receivedAt, local, files,
                lateness, false));
    }
}

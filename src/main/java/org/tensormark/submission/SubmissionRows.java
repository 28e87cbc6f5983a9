package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.Teams;

/**
 * The one transaction of a hand-in: its place in the day's quota, its group held unchanged,
 * submission, files, blob rows, its grading job (queued by whoever observes {@link HandinStored})
 * and audit entry.
 */
@ApplicationScoped
class SubmissionRows {

    private final EntityManager em;
    private final DailyQuota quota;
    private final Teams teams;
    private final Event<HandinStored> stored;
    private final AuditTrail audit;

    SubmissionRows(EntityManager em, DailyQuota quota, Teams teams, Event<HandinStored> stored, AuditTrail audit) {
        this.em = em;
        this.quota = quota;
        this.teams = teams;
        this.stored = stored;
        this.audit = audit;
    }

    @Transactional
    UUID insert(SubmissionLedger.NewSubmission s) {
        quota.claim(s.assignment(), s.userId(), s.teamId(), s.receivedAt());
        if (s.teamId() != null) {
            teams.holdForHandIn(s.teamId(), s.userId());
        }
        Submission row = new Submission();
        row.id = UUID.randomUUID();
        row.assignmentId = s.assignment().id();
        row.assignmentVersion = s.assignment().version();
        row.submitterId = s.userId();
        row.teamId = s.teamId();
        row.receivedAt = s.receivedAt();
        row.idempotencyKey = s.key();
        em.persist(row);
        for (Receipt.FileReceipt f : s.files()) {
            // The same bytes may have been purged with an earlier hand-in; this upload stored them again.
            em.createNativeQuery("insert into blob (sha256, size) values (?1, ?2)"
                            + " on conflict (sha256) do update set purged_at = null")
                    .setParameter(1, f.sha256()).setParameter(2, f.size()).executeUpdate();
            SubmissionFile file = new SubmissionFile();
            file.submissionId = row.id;
            file.role = f.role();
            file.filename = f.filename();
            file.sha256 = f.sha256();
            file.size = f.size();
            em.persist(file);
        }
        em.flush();
        stored.fire(new HandinStored(row.id));
        audit.record(s.userId(), "submission.create", "submission", row.id.toString(), null,
                Map.of("assignment", row.assignmentId, "version", row.assignmentVersion,
                        "files", s.files(), "late", s.late().sentence()));
        return row.id;
    }
}

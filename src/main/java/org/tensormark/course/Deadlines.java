package org.tensormark.course;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tensormark.audit.AuditTrail;

/**
 * Due times per student: the assignment's due time unless an extension was granted to the student
 * or to their team. When several apply, the most recently granted wins, so an instructor can also
 * correct or shorten an extension by granting a new one. Authorisation is the caller's job.
 */
@ApplicationScoped
public class Deadlines {

    private final EntityManager em;
    private final AuditTrail audit;
    private final AssignmentCatalog catalog;
    private final LateTokens tokens;
    private final Event<LatenessChanged> changed;

    Deadlines(EntityManager em, AuditTrail audit, AssignmentCatalog catalog, LateTokens tokens,
            Event<LatenessChanged> changed) {
        this.em = em;
        this.audit = audit;
        this.catalog = catalog;
        this.tokens = tokens;
        this.changed = changed;
    }

    /** The due instant for this student (and team, may be null) on the current version. */
    @Transactional
    public Instant effectiveDue(String assignmentId, long userId, Long teamId) {
        AssignmentView assignment = catalog.current(assignmentId).orElseThrow(() -> unknown(assignmentId));
        return extension(assignmentId, userId, teamId).map(Extension::dueAt).orElse(assignment.dueAt());
    }

    /**
     * The late decision for a hand-in received at {@code receivedUtc} against the given assignment
     * version: its rule, the student's effective due time and the late tokens spent on it.
     */
    @Transactional
    public LateDecision lateness(String assignmentId, int version, long userId, Long teamId, Instant receivedUtc) {
        AssignmentView assignment = catalog.version(assignmentId, version)
                .orElseThrow(() -> new IllegalArgumentException("assignment '" + assignmentId + "' has no version " + version));
        return lateness(assignment, userId, teamId, receivedUtc);
    }

    /** As {@link #lateness(String, int, long, Long, Instant)}, for a version the caller has already read. */
    @Transactional
    public LateDecision lateness(AssignmentView assignment, long userId, Long teamId, Instant receivedUtc) {
        Instant due = extension(assignment.id(), userId, teamId).map(Extension::dueAt).orElse(assignment.dueAt());
        return assignment.lateRule().decide(receivedUtc, due, assignment.zone(),
                tokens.spentOn(assignment.id(), userId, teamId));
    }

    /**
     * Grants an extension to a student ({@code userId}) or a team ({@code teamId}), audited in the
     * same transaction, and announces the {@link LatenessChanged} that rescores their hand-ins.
     */
    @Transactional
    public Extension grant(String assignmentId, Long userId, Long teamId, Instant dueAt, String reason, long grantedBy) {
        if ((userId == null) == (teamId == null)) {
            throw new IllegalArgumentException("an extension is for exactly one student or one team");
        }
        if (dueAt == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an extension needs a due time and a reason");
        }
        catalog.current(assignmentId).orElseThrow(() -> unknown(assignmentId));
        ExtensionEntity row = new ExtensionEntity();
        row.assignmentId = assignmentId;
        row.userId = userId;
        row.teamId = teamId;
        row.dueAt = dueAt;
        row.reason = reason.strip();
        row.grantedBy = grantedBy;
        row.createdAt = Instant.now();
        em.persist(row);
        em.flush();
        Extension granted = row.value();
        audit.record(grantedBy, "extension.granted", "extension", Long.toString(granted.id()), null, granted);
        changed.fire(new LatenessChanged(assignmentId, userId, teamId, grantedBy, "extension"));
        return granted;
    }

    /** Every extension of an assignment, newest first. */
    @Transactional
    public List<Extension> extensions(String assignmentId) {
        return em.createQuery("select e from ExtensionEntity e where e.assignmentId = :a"
                        + " order by e.createdAt desc, e.id desc", ExtensionEntity.class)
                .setParameter("a", assignmentId)
                .getResultStream().map(ExtensionEntity::value).toList();
    }

    private Optional<Extension> extension(String assignmentId, long userId, Long teamId) {
        String who = teamId == null ? "e.userId = :user" : "(e.userId = :user or e.teamId = :team)";
        TypedQuery<ExtensionEntity> query = em.createQuery("select e from ExtensionEntity e where e.assignmentId = :a and "
                        + who + " order by e.createdAt desc, e.id desc", ExtensionEntity.class)
                .setParameter("a", assignmentId)
                .setParameter("user", userId)
                .setMaxResults(1);
        if (teamId != null) {
            query.setParameter("team", teamId);
        }
        return query.getResultStream().findFirst().map(ExtensionEntity::value);
    }

    private static IllegalArgumentException unknown(String assignmentId) {
        return new IllegalArgumentException("unknown assignment '" + assignmentId + "'");
    }
}

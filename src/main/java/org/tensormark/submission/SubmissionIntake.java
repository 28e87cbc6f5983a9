package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.course.Deadlines;
import org.tensormark.course.LateDecision;
import org.tensormark.identity.CourseAccess;
import org.tensormark.identity.CourseRole;
import org.tensormark.course.Teams;
import org.tensormark.problem.Problem;

/**
 * Takes a hand-in: checks it, stores its files as blobs, then commits the submission, its files
 * and its grading job in one transaction. The receipt exists only after that commit. A retried
 * upload with the same Idempotency-Key gets the first upload's receipt.
 */
@ApplicationScoped
public class SubmissionIntake {

    private final AssignmentCatalog catalog;
    private final Deadlines deadlines;
    private final Teams teams;
    private final HandinRules rules;
    private final DailyQuota quota;
    private final BlobStore blobs;
    private final SubmissionLedger ledger;

    SubmissionIntake(AssignmentCatalog catalog, Deadlines deadlines, Teams teams, HandinRules rules, DailyQuota quota,
            BlobStore blobs, SubmissionLedger ledger) {
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.teams = teams;
        this.rules = rules;
        this.quota = quota;
        this.blobs = blobs;
        this.ledger = ledger;
    }

    public Receipt handIn(CourseAccess access, String assignmentId, List<Upload> uploads, String idempotencyKey) {
        long userId = access.userId();
        String key = normaliseKey(idempotencyKey);
        if (key != null) {
            Optional<Receipt> earlier = ledger.receiptFor(userId, key);
            if (earlier.isPresent()) {
                return earlier.get().asReplay();
            }
        }
        AssignmentView a = catalog.existing(assignmentId);
        CourseRole role = access.requireMember(a.courseId());
        Long teamId = teamFor(a, userId, role);
        Instant now = Instant.now();
        LateDecision late = a.lateRule().decide(now, deadlines.effectiveDue(a.id(), userId, teamId), a.zone());
        rules.checkOpen(a, now, late);
        rules.checkFiles(a, uploads);
        quota.refuseIfUsedUp(a, userId, teamId, now);
        List<Receipt.FileReceipt> stored = store(uploads);
        return ledger.commit(new SubmissionLedger.NewSubmission(a, userId, teamId, now, key, stored, late));
    }

    /**
     * The checks an upload's files get before they are stored (kinds, sizes, what each part must
     * be), for the worker's warm-up to run on the files of the hand-in it rehearses, whose first
     * run was otherwise the first upload's after a start; refuses as an upload would.
     */
    public void checkFiles(String assignmentId, List<Upload> uploads) {
        rules.checkFiles(catalog.existing(assignmentId), uploads);
    }

    /**
     * The database half of {@link #handIn} for files already in the blob store, by {@code userId}
     * alone, in the caller's transaction: the lookup of an earlier upload with {@code key}, the
     * due date and lateness, the day's quota, the rows (submission, files, blobs, grading job,
     * audit entry) and the receipt read back. Who may hand in, whether the assignment is open and
     * which files it takes are the caller's to check; the worker's warm-up rehearses this in a
     * transaction it rolls back, so that the first upload after a start is not the first to run it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt recordStored(String assignmentId, long userId, List<Receipt.FileReceipt> files, String key) {
        Optional<Receipt> earlier = ledger.receiptFor(userId, key);
        if (earlier.isPresent()) {
            return earlier.get().asReplay();
        }
        AssignmentView a = catalog.existing(assignmentId);
        Instant now = Instant.now();
        LateDecision late = a.lateRule().decide(now, deadlines.effectiveDue(a.id(), userId, null), a.zone());
        quota.refuseIfUsedUp(a, userId, null, now);
        return ledger.commit(new SubmissionLedger.NewSubmission(a, userId, null, now, key, files, late));
    }

    private Long teamFor(AssignmentView a, long userId, CourseRole role) {
        if (!a.groupWork()) {
            return null;
        }
        Optional<Long> team = teams.teamOf(a.id(), userId);
        if (team.isEmpty() && !role.isStaff()) {
            throw Problem.conflict(a.title() + " is group work: create or join a group before handing in.");
        }
        return team.orElse(null);
    }

    private List<Receipt.FileReceipt> store(List<Upload> uploads) {
        List<Receipt.FileReceipt> stored = new ArrayList<>();
        for (Upload u : uploads) {
            try (InputStream in = Files.newInputStream(u.file())) {
                BlobStore.StoredBlob blob = blobs.put(in);
                stored.add(new Receipt.FileReceipt(u.role(), safeName(u.filename()), blob.sha256(), blob.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not store '" + u.filename() + "'", e);
            }
        }
        return stored;
    }

    private static String normaliseKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.length() > 200) {
            throw Problem.invalid("The Idempotency-Key header may be at most 200 characters.");
        }
        return key.strip();
    }

    /** The last path segment of what the browser sent, so no stored name carries a path. */
    static String safeName(String filename) {
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? "file" : name;
    }
}

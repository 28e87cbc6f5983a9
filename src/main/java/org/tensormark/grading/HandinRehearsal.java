package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.Accounts;
import org.tensormark.sandbox.SandboxRun;
import org.tensormark.sandbox.SandboxRunner;
import org.tensormark.submission.Receipt;
import org.tensormark.submission.SubmissionIntake;

/**
 * A hand-in of the released assignment due last, rehearsed by a starting worker's
 * {@link SelfCheck} everywhere but in the HTTP request and the sandbox: the self-check's solution
 * and report are stored and recorded as the intake records an upload
 * ({@link SubmissionIntake#recordStored}: the retry lookup, lateness, the day's quota, the rows, its
 * grading job, the receipt), by an account made for it, then graded through
 * {@link Grader#rehearse}, whose sandbox returns the self-check's own visible run at once (the
 * lookups, materialising the hand-in, that assignment's checks prepared and their plans written to
 * job directories, its checks scored against that run, the report read, lateness, the runs' files
 * and rows, the result and its checks' rows, the audit entry), each time in a transaction that is
 * rolled back. The rows never become visible to anyone and no one is told of the job (a
 * notification sent in a transaction rolled back is never delivered); what stays is the hand-in's
 * and the runs' files in the blob store, which {@code BlobJanitor} removes as it removes any file no
 * committed row references, and the sequence numbers the rows took. Without it that work is first
 * done, and compiled, during the first hand-ins after a start (recording alone took 49 ms against 8
 * for the tenth on a 2-CPU host, README "Measuring").
 */
@ApplicationScoped
class HandinRehearsal {

    /** The lease owner of the rehearsed jobs. */
    static final String WORKER = "self-check";

    private final EntityManager em;
    private final AssignmentCatalog catalog;
    private final SubmissionIntake intake;
    private final Accounts accounts;
    private final Grader grader;
    private final JobFiles files;
    private final UserTransaction transaction;
    private final ObjectMapper json;
    /** What the warm-up rehearsed, for each worker slot to rehearse again on its own thread. */
    private volatile Rehearsed last;

    HandinRehearsal(EntityManager em, AssignmentCatalog catalog, SubmissionIntake intake, Accounts accounts,
            Grader grader, JobFiles files, UserTransaction transaction, ObjectMapper json) {
        this.em = em;
        this.catalog = catalog;
        this.intake = intake;
        this.accounts = accounts;
        this.grader = grader;
        this.files = files;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * Grades {@code code} and {@code report} as a hand-in {@code times} times, each time with
     * {@code run} as the sandbox's run and in a transaction rolled back; returns how many times it
     * did: 0 when no assignment is released yet.
     */
    int rehearse(SandboxRun run, Path code, Path report, int times) throws IOException, PlatformFailure {
        Optional<AssignmentView> released = releasedDueLast();
        if (released.isEmpty()) {
            return 0;
        }
        Rehearsed rehearsed = new Rehearsed(run, store(code, report));
        last = rehearsed;
        return rehearse(rehearsed, released.get(), times);
    }

    /**
     * Rehearses {@code times} more hand-ins as the last {@link #rehearse(SandboxRun, Path, Path, int)}
     * did, on the calling thread; 0 when none was rehearsed yet or no assignment is released now.
     * A worker slot calls it on its own thread: the database connection that thread's transactions
     * get is that slot's own (the pool gives a thread the connection it had before), and a
     * PostgreSQL connection plans each statement anew and reads the tables' catalogue entries
     * itself, so the first hand-ins a slot graded were still slower (recording took 12-15 ms
     * against 8.6, README "Measuring") after the warm-up's rehearsals on a connection of its own.
     */
    int rehearseAgain(int times) throws PlatformFailure {
        Rehearsed rehearsed = last;
        Optional<AssignmentView> released = rehearsed == null ? Optional.empty() : releasedDueLast();
        return released.isEmpty() ? 0 : rehearse(rehearsed, released.get(), times);
    }

    private Optional<AssignmentView> releasedDueLast() {
        return catalog.releasedDueLast(1).stream().findFirst();
    }

    /** The self-check's run as a sandbox would return it, and the hand-in's files as they were stored. */
    private record Rehearsed(SandboxRun run, List<Receipt.FileReceipt> handedIn) {
    }

    private int rehearse(Rehearsed rehearsed, AssignmentView released, int times) throws PlatformFailure {
        SandboxRunner canned = (job, image, limits, gpu) -> rehearsed.run();
        List<Receipt.FileReceipt> handedIn = rehearsed.handedIn();
        for (int i = 0; i < times; i++) {
            try {
                transaction.begin();
            } catch (NotSupportedException | SystemException e) {
                throw new IllegalStateException("the rehearsing thread has a transaction already", e);
            }
            try {
                once(canned, handedIn, released);
            } finally {
                rollback();
            }
        }
        return times;
    }

    /**
     * The receipt as the upload's answer carries it, written by the JSON mapper the REST layer
     * uses: its first use builds the receipt's serialisers, which the first upload after a start
     * otherwise does after its commit, beside its own job's start.
     */
    private void answer(Receipt receipt) {
        try {
            json.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is not serialisable", e);
        }
    }

    private void rollback() {
        try {
            transaction.rollback();
        } catch (SystemException e) {
            throw new IllegalStateException("rolling back a rehearsed hand-in", e);
        }
    }

    /** Keeps the hand-in's files in the blob store as an upload does, outside any transaction. */
    private List<Receipt.FileReceipt> store(Path code, Path report) throws IOException {
        byte[] codeBytes = Files.readAllBytes(code);
        byte[] reportBytes = Files.readAllBytes(report);
        List<String> sha256s = files.keepAll(List.of(codeBytes, reportBytes));
        return List.of(new Receipt.FileReceipt("code", code.getFileName().toString(), sha256s.get(0), codeBytes.length),
                new Receipt.FileReceipt("report", report.getFileName().toString(), sha256s.get(1), reportBytes.length));
    }

    /**
     * One hand-in as the intake records it (by an account made for it, so that no one's daily
     * quota or earlier hand-ins matter), then its job graded with {@code canned} as the sandbox.
     */
    private void once(SandboxRunner canned, List<Receipt.FileReceipt> handedIn, AssignmentView version)
            throws PlatformFailure {
        String name = "tensormark-warm-up-" + UUID.randomUUID();
        long student = accounts.create(name, "Warm-up", null, false).id;
        Receipt receipt = intake.recordStored(version.id(), student, handedIn, name);
        answer(receipt);
        UUID handin = receipt.submissionId();
        long job = ((Number) em.createNativeQuery("select id from grading_job where submission_id = ?1")
                .setParameter(1, handin).getSingleResult()).longValue();
        em.createNativeQuery("update grading_job set state = 'running', attempts = 1, lease_owner = ?2,"
                        + " lease_expires_at = now() + interval '1 minute', started_at = now() where id = ?1")
                .setParameter(1, job).setParameter(2, WORKER).executeUpdate();
        grader.rehearse(new JobClaims.Claim(job, handin, 1, "handin", Duration.ZERO), WORKER, canned);
    }
}

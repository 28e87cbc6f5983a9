package org.tensormark.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tensormark.audit.AuditTrail;
import org.tensormark.submission.Submission;

/**
 * Records a job's score in one transaction: the job is marked done (only by its lease holder),
 * the result row is inserted (one per job: a unique constraint, so a job is scored exactly once),
 * every check's outcome (keeping a TA's manual grades and an override from the previous result,
 * see {@link Rescorer#keepPeoplesGrades}), the job's sandbox runs with what they produced (the
 * result names the runs it scored, see {@link RunStore}), and an audit entry. If the worker lost its lease
 * meanwhile, nothing is written and the other worker's result stands.
 */
@ApplicationScoped
class ResultRecorder {

    private final EntityManager em;
    private final JobClaims claims;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Rescorer rescorer;
    private final RunStore runStore;

    ResultRecorder(EntityManager em, JobClaims claims, AuditTrail audit, ObjectMapper json, Rescorer rescorer,
            RunStore runStore) {
        this.runStore = runStore;
        this.em = em;
        this.rescorer = rescorer;
        this.claims = claims;
        this.audit = audit;
        this.json = json;
    }

    /** What a recording waits for before it commits: the runs' files on disk, or why they are not. */
    @FunctionalInterface
    interface FilesOnDisk {
        void await() throws IOException;
    }

    /** The runs' files a recording named could not be stored: it was rolled back. */
    static final class FilesNotStored extends RuntimeException {
        FilesNotStored(long jobId, IOException cause) {
            super("the runs' files of job " + jobId + " could not be stored: " + cause.getMessage(), cause);
        }
    }

    /**
     * Returns false when the lease was lost and nothing was recorded. The rows name the runs' files
     * by their content; {@code onDisk} is awaited after every statement but the last, which stamps
     * the job's end with the moment the score is written (its lease was checked first); a failure
     * of it rolls everything back.
     */
    @Transactional
    boolean record(long jobId, String workerId, UUID submissionId, int assignmentVersion, String outcome,
            ScoreBreakdown score, Map<String, Object> provenance, List<RunStore.KeptRun> runs, FilesOnDisk onDisk) {
        if (!claims.finish(jobId, workerId)) {
            return false;
        }
        Optional<Long> previous = rescorer.latest(submissionId);
        List<Long> runIds = runs.stream().map(run -> runStore.insert(jobId, run)).toList();
        long resultId = insertResult(jobId, submissionId, assignmentVersion, outcome, score, provenance, runIds);
        int kept = previous.map(p -> rescorer.keepPeoplesGrades(p, resultId)).orElse(0);
        Rescorer.Totals totals = previous.isEmpty() ? new Rescorer.Totals(score.rawPoints(), score.finalPoints())
                : rescorer.settle(resultId, score.latePenaltyPercent(), score.lateSentence());
        audit.record(null, "submission.score", "submission", submissionId.toString(), null,
                Map.of("job", jobId, "raw", totals.raw(), "penaltyPercent", score.latePenaltyPercent(),
                        "final", totals.finalPoints(), "late", score.lateSentence(), "manualGradesKept", kept));
        try {
            onDisk.await();
        } catch (IOException e) {
            throw new FilesNotStored(jobId, e);
        }
        claims.finishedNow(jobId);
        return true;
    }

    /**
     * The assignment version a hand-in is graded against: its own, or the newer one a published
     * shadow regrade moved its score to (a later regrade must not undo that).
     */
    @Transactional
    int scoredVersion(Submission s) {
        Number scored = (Number) em.createNativeQuery("select max(assignment_version) from grading_result"
                + " where submission_id = ?1").setParameter(1, s.id).getSingleResult();
        return scored == null ? s.assignmentVersion : Math.max(scored.intValue(), s.assignmentVersion);
    }

    /**
     * Inserts a result and its checks' outcomes (in the caller's transaction): the score of the
     * given runs against the given assignment version; {@code jobId} is null for a rescore.
     */
    long insertResult(Long jobId, UUID submissionId, int assignmentVersion, String outcome, ScoreBreakdown score,
            Map<String, Object> provenance, List<Long> runIds) {
        long resultId = ((Number) em.createNativeQuery("""
                insert into grading_result (job_id, submission_id, assignment_version, outcome, raw_points, max_points,
                    late_penalty_percent, late_sentence, final_points, provenance, run_ids)
                values (cast(?1 as bigint), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as jsonb), cast(?11 as bigint[]))
                returning id""")
                .setParameter(1, jobId).setParameter(2, submissionId).setParameter(3, assignmentVersion)
                .setParameter(4, outcome).setParameter(5, score.rawPoints()).setParameter(6, score.maxPoints())
                .setParameter(7, score.latePenaltyPercent()).setParameter(8, score.lateSentence())
                .setParameter(9, score.finalPoints()).setParameter(10, toJson(provenance))
                .setParameter(11, runIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getSingleResult()).longValue();
        for (CheckOutcome c : score.checks()) {
            em.createNativeQuery("""
                    insert into check_result (result_id, check_id, kind, visibility, points, max_points, status,
                        summary, details)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb))""")
                    .setParameter(1, resultId).setParameter(2, c.checkId()).setParameter(3, c.kind())
                    .setParameter(4, c.visibility()).setParameter(5, c.points()).setParameter(6, c.maxPoints())
                    .setParameter(7, c.status().dbName()).setParameter(8, c.summary())
                    .setParameter(9, toJson(c.details())).executeUpdate();
        }
        return resultId;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a grading result is not serialisable", e);
        }
    }
}

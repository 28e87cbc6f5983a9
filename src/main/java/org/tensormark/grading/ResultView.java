package org.tensormark.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * A hand-in's grading status and result as one reader may see it: the answer of
 * {@code GET /api/submissions/{id}/result}. Fields a reader may not see, or that do not apply
 * yet, are left out (null). See {@link Feedback} for who sees what.
 *
 * @param status none, queued, running, failed, cancelled or scored
 * @param queuePosition hand-ins ahead of this one while it is queued
 * @param lastError the platform's last error (staff only)
 * @param resultId the recorded result's id; a regrade makes a new result, so a new id tells it from the old
 * @param provenance where the score came from (staff only)
 * @param checks every check, hidden ones without their details until they are released
 * @param runs the sandbox runs and what they printed: the visible checks' run for a student, every run for staff
 * @param rescore when and why this score replaced an earlier one after the instructor changed the assignment
 * @param notices what the grader skipped of the hand-in and why (Colab and Jupyter lines), each sentence once
 * @param waitingFor while it is queued and no live worker can run it, why ({@link ImageWait}): for staff the
 *                   reason naming the image and its digest, for the student that it waits for the grading
 *                   environment, which is not a failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultView(UUID submissionId, String status, Long queuePosition, String lastError, Long resultId,
        Double rawPoints, Double maxPoints, Double latePenaltyPercent, String lateSentence, Double finalPoints,
        String outcome, String scoredAt, String overrideReason, JsonNode provenance, List<CheckView> checks,
        List<RunRecord> runs, Rescore rescore, List<String> notices, String waitingFor) {

    /** A hand-in not scored yet. */
    static ResultView waiting(UUID submissionId, String status, Long queuePosition, String lastError,
            String waitingFor) {
        return new ResultView(submissionId, status, queuePosition, lastError, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, waitingFor);
    }

    /**
     * Why a score changed without a new hand-in.
     *
     * @param at       when the rescore was published (UTC)
     * @param sentence for the student: "Rescored on 3 Dec 2026 after the instructor changed the assignment: …"
     */
    public record Rescore(String at, String sentence) {
    }

    /**
     * One check's result. A check not released to the reader has no points, details or own
     * summary, only its status and maximum.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckView(String id, String kind, String visibility, String status, Double points, double maxPoints,
            String summary, JsonNode details) {
    }
}

package org.tensormark.spike;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One benchmark hand-in as the database recorded it: the moments (epoch milliseconds) of its
 * receipt, its job's claim and its recorded score, and the result's provenance.
 */
record Graded(UUID submissionId, long receivedMs, long claimedMs, long scoredMs, String state, JsonNode provenance) {

    boolean scored() {
        return "done".equals(state);
    }

    long receiptToScoreMs() {
        return scoredMs - receivedMs;
    }

    long queueWaitMs() {
        return claimedMs - receivedMs;
    }

    long claimToScoreMs() {
        return scoredMs - claimedMs;
    }

    /** Wall time of the hand-in's sandbox runs together, overlapping runs counted once (summed in older results). */
    long sandboxWallMs() {
        JsonNode union = provenance.path("sandboxWallMs");
        return union.isNumber() ? union.asLong() : sumOfRuns("wallMs");
    }

    /** CPU time the hand-in's sandbox runs used together. */
    long sandboxCpuMs() {
        return sumOfRuns("cpuMs");
    }

    /** What the platform itself took: receipt to score less the queue wait and the sandboxes' wall time. */
    long platformOverheadMs() {
        return receiptToScoreMs() - queueWaitMs() - sandboxWallMs();
    }

    private long sumOfRuns(String field) {
        long sum = 0;
        for (JsonNode run : provenance.path("sandboxRuns")) {
            sum += run.path(field).asLong();
        }
        return sum;
    }
}

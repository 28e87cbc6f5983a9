package org.tensormark.grading;

import java.util.List;
import java.util.Map;

/**
 * What one check of one hand-in came to: points out of its maximum, a status, a one-line summary
 * for the student, and details (per case: the comparison's explanation, timings). Hidden checks
 * carry the same details; the feedback endpoint decides what a student may see.
 */
public record CheckOutcome(String checkId, String kind, String visibility, double points, double maxPoints,
        Status status, String summary, Map<String, Object> details) {

    /** How a check ended. */
    public enum Status {
        PASSED, PARTIAL, FAILED, ERROR, PENDING;

        public String dbName() {
            return name().toLowerCase();
        }
    }

    /** Points in proportion to the cases that passed (partial credit per case). */
    static CheckOutcome fromCases(String checkId, String kind, String visibility, double maxPoints,
            List<Map<String, Object>> cases, long passed, String what) {
        int total = cases.size();
        double points = total == 0 ? 0 : maxPoints * passed / total;
        Status status = passed == total ? Status.PASSED : passed == 0 ? Status.FAILED : Status.PARTIAL;
        String summary = passed + " of " + total + " case" + (total == 1 ? "" : "s") + " of " + what + " passed";
        return new CheckOutcome(checkId, kind, visibility, points, maxPoints, status, summary, Map.of("cases", cases));
    }
}

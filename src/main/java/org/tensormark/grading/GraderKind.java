package org.tensormark.grading;

import org.tensormark.course.CheckSpec;

/**
 * One kind of check named in assignment.yaml ({@code kind: tensor}). A kind adds what it needs to
 * the sandbox job, then turns the job's outcome into points. Kinds are CDI beans; adding one is
 * one class.
 */
interface GraderKind {

    String name();

    /** Adds this check's calls and inputs to the plan; returns what {@link #score} needs later. */
    Object prepare(CheckSpec check, JobPlan plan, GradingContext context);

    CheckOutcome score(CheckSpec check, Object prepared, JobResults results, GradingContext context);

    /**
     * Whether {@link #prepare} depends on nothing but the assignment version and its reference
     * figures, so that a version's prepared checks can serve every hand-in of it
     * ({@link PreparedChecks}); a kind that reads something that may change under a version (a
     * file of the assignment's folder) says no.
     */
    default boolean preparesFromVersionAlone() {
        return true;
    }
}

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
}

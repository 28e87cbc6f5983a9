package org.tensormark.course;

/**
 * A sync created a version of an assignment (its first, or a changed one). Fired inside the
 * sync's transaction; grading observes it after the commit to compute the version's reference
 * figures in the background, so no hand-in waits for them and start-up does not either.
 */
public record VersionSynced(String assignmentId, int version) {
}

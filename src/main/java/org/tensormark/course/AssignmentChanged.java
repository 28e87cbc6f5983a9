package org.tensormark.course;

/**
 * A sync made a new version of an existing assignment. Fired inside the sync's transaction;
 * grading observes it after the commit to preview what the new version makes of the hand-ins
 * already scored (a shadow regrade), so course content never calls grading.
 *
 * @param fromVersion the version that was current before the sync
 * @param toVersion   the new current version
 */
public record AssignmentChanged(String assignmentId, int fromVersion, int toVersion) {
}

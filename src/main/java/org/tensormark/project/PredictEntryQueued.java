package org.tensormark.project;

/**
 * A predict entry was taken and waits for its sandbox run: fired inside the transaction that
 * stored it, so that whoever queues the run ({@code grading}) commits with the entry or not at all.
 *
 * @param entryId          the leaderboard entry
 * @param assignmentId     its assignment
 * @param assignmentVersion the version the entry was made under (its image and held-out set)
 * @param submitterId      the member who handed it in (the queue's fair share counts by submitter)
 */
public record PredictEntryQueued(long entryId, String assignmentId, int assignmentVersion, long submitterId) {
}

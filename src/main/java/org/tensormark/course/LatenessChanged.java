package org.tensormark.course;

/**
 * A change that moves the late penalty of some hand-ins: an extension or a late-token spend. Fired
 * inside the transaction that made the change; grading rescores exactly the hand-ins concerned
 * (the student's own and, with {@code teamId}, the group's) in that same transaction.
 *
 * @param userId  the student concerned, or null when the change is for a group only
 * @param teamId  the group concerned, or null
 * @param actorId who made the change
 * @param action  what they did, in words ("late-token spend", "extension")
 */
public record LatenessChanged(String assignmentId, Long userId, Long teamId, long actorId, String action) {
}

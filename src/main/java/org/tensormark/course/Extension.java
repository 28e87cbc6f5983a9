package org.tensormark.course;

import java.time.Instant;

/**
 * A new due time granted to one student ({@code userId}) or one team ({@code teamId}); exactly
 * one of the two is set.
 */
public record Extension(long id, String assignmentId, Long userId, Long teamId, Instant dueAt, String reason,
                        long grantedBy, Instant createdAt) {
}

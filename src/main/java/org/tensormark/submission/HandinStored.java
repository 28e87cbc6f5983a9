package org.tensormark.submission;

import java.util.UUID;

/**
 * A hand-in's rows are written: fired inside the hand-in's own transaction, so that whoever
 * queues its grading does so in that same transaction (the receipt is answered only after both
 * are committed, or neither is).
 */
public record HandinStored(UUID submissionId) {
}

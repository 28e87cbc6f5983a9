package org.tensormark.submission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a student gets once their hand-in is committed: its id, the server's receive time (UTC,
 * and in the course's time zone) and the sha256 and size of every file.
 */
public record Receipt(UUID submissionId, String assignmentId, int assignmentVersion, Instant receivedAt,
        String receivedAtCourseTime, List<FileReceipt> files, String lateness, boolean replayed) {

    /** One stored file. */
    public record FileReceipt(String role, String filename, String sha256, long size) {
    }

    Receipt asReplay() {
        return new Receipt(submissionId, assignmentId, assignmentVersion, receivedAt, receivedAtCourseTime, files,
                lateness, true);
    }
}

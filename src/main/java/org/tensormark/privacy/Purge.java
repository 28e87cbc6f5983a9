package org.tensormark.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tensormark purge}: removes the hand-in files of a course whose retention period is over.
 * Grades, results, receipts' sha256 and sizes and the audit trail stay; what was removed is
 * written to the audit log. A dry run only reports what would go.
 */
final class Purge {

    private final Connection c;
    private final Path blobRoot;

    Purge(Connection c, Path blobRoot) {
        this.c = c;
        this.blobRoot = blobRoot;
    }

    /** What a purge removed (or, dry, would remove). {@code blobs} are the files whose bytes went. */
    record Report(String courseId, boolean dryRun, List<HandinErasure.HandinFile> files, int blobs, long blobBytes,
            List<String> notDeleted) {
    }

    Report run(String courseId, boolean dryRun, Instant now) throws SQLException {
        c.setAutoCommit(false);
        try {
            Retention retention = Retention.of(c, courseId);
            retention.requireOver(now);
            List<HandinErasure.HandinFile> files = HandinErasure.files(c,
                    "s.assignment_id in (select id from assignment where course_id = ?)", courseId);
            HandinErasure.Marked marked = HandinErasure.mark(c, files, now);
            if (dryRun) {
                c.rollback();
                return new Report(courseId, true, files, marked.blobs().size(), marked.blobBytes(), List.of());
            }
            audit(retention, marked);
            c.commit();
            List<String> left = HandinErasure.deleteBlobs(blobRoot, marked.blobs());
            return new Report(courseId, false, files, marked.blobs().size(), marked.blobBytes(), left);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void audit(Retention retention, HandinErasure.Marked marked) throws SQLException {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("endedAt", retention.endsAt().toString());
        after.put("retainHandinsDays", retention.retainHandinsDays());
        after.put("files", marked.files());
        after.put("blobsDeleted", marked.blobs());
        after.put("bytesDeleted", marked.blobBytes());
        try (var s = c.prepareStatement("insert into audit_log (action, entity_type, entity_id, after_state)"
                + " values ('course.purge', 'course', ?, ?::jsonb)")) {
            s.setString(1, retention.courseId());
            s.setString(2, json(after));
            s.execute();
        }
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.tensormark.privacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * A course's retention rule as synced from its course file: it ends at {@code endsAt}, and its
 * hand-in files are kept {@code retainHandinsDays} days after that. Either may be missing, and
 * then nothing of the course is ever purged.
 */
record Retention(String courseId, Instant endsAt, Integer retainHandinsDays) {

    static Retention of(Connection c, String courseId) throws SQLException {
        try (var s = c.prepareStatement("select ends_at, retain_handins_days from course where id = ?")) {
            s.setString(1, courseId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("there is no course '" + courseId + "'");
                }
                var ends = rs.getTimestamp(1);
                int days = rs.getInt(2);
                return new Retention(courseId, ends == null ? null : ends.toInstant(), rs.wasNull() ? null : days);
            }
        }
    }

    /** When the course's hand-in files may go, or null where the course file does not allow it. */
    Instant keptUntil() {
        return endsAt == null || retainHandinsDays == null ? null : endsAt.plus(Duration.ofDays(retainHandinsDays));
    }

    /** Refuses, saying why, unless the course's retention period is over at {@code now}. */
    void requireOver(Instant now) {
        if (retainHandinsDays == null) {
            throw new IllegalArgumentException("course '" + courseId + "' has no retain_handins_days in its course file,"
                    + " so its hand-ins are kept; add it (and ends:) to purge them");
        }
        if (endsAt == null) {
            throw new IllegalArgumentException("course '" + courseId + "' has no end date (ends: in its course file),"
                    + " so its retention period never starts; nothing is purged");
        }
        if (now.isBefore(endsAt)) {
            throw new IllegalArgumentException("course '" + courseId + "' has not ended (it ends " + endsAt
                    + "); nothing is purged");
        }
        if (now.isBefore(keptUntil())) {
            throw new IllegalArgumentException("course '" + courseId + "' ended " + endsAt + "; its hand-ins are kept "
                    + retainHandinsDays + " days after that, until " + keptUntil() + "; nothing is purged");
        }
    }
}

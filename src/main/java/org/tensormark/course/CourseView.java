package org.tensormark.course;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A course as last synced from {@code assignments/}.
 *
 * @param id         stable course id
 * @param title      display title
 * @param zone       the course time zone: local dates in its files mean this zone, and times are shown in it
 * @param lateTokens late-day tokens each student may spend in this course (0 = none)
 * @param syncedAt   when its course file was last synced
 */
public record CourseView(String id, String title, ZoneId zone, int lateTokens, Instant syncedAt) {
}

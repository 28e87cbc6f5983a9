package org.tensormark.course;

import java.nio.file.Path;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * A course file ({@code assignments/course.yaml} or {@code assignments/<id>.course.yaml}) as parsed.
 *
 * @param zone       from {@code time_zone}, default Asia/Singapore
 * @param lateTokens from {@code late_tokens}, default 0
 * @param ends       from {@code ends} (a date-time, never relative), or null: when the course is over
 * @param retainHandinsDays from {@code retain_handins_days}, or null: how long after {@code ends}
 *                   hand-in files are kept before {@code tensormark purge} may remove them
 */
record CourseDeclaration(String id, String title, ZoneId zone, int lateTokens, DeclaredTime ends,
        Integer retainHandinsDays, Path file) {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Singapore");

    static CourseDeclaration parse(Path file) {
        YamlSection yaml = YamlReader.read(file);
        yaml.allowOnly(Set.of("id", "title", "time_zone", "late_tokens", "ends", "retain_handins_days"));
        String id = yaml.text("id");
        if (!id.matches("[a-z0-9-]+")) {
            throw yaml.error("id", "'" + id + "' must use only a-z, 0-9 and '-'");
        }
        String zoneName = yaml.text("time_zone", DEFAULT_ZONE.getId());
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw yaml.error("time_zone", "'" + zoneName + "' is not a time zone (expected a region like Asia/Singapore)");
        }
        DeclaredTime ends = yaml.has("ends") ? DeclaredTime.parse(yaml, "ends") : null;
        if (ends != null && ends.relative() != null) {
            throw yaml.error("ends", "give the date the course ends (like 2027-05-31T23:59), not a time relative to the sync");
        }
        Integer retain = yaml.has("retain_handins_days") ? yaml.integer("retain_handins_days", 0, 0) : null;
        return new CourseDeclaration(id, yaml.text("title"), zone, yaml.integer("late_tokens", 0, 0), ends, retain, file);
    }

    /** When the course ends, or null where its file does not say. */
    Instant endsAt() {
        return ends == null ? null : ends.resolve(zone, Instant.EPOCH);
    }
}

package org.tensormark.course;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * A course file ({@code assignments/course.yaml} or {@code assignments/<id>.course.yaml}) as parsed.
 *
 * @param zone       from {@code time_zone}, default Asia/Singapore
 * @param lateTokens from {@code late_tokens}, default 0
 */
record CourseDeclaration(String id, String title, ZoneId zone, int lateTokens, Path file) {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Singapore");

    static CourseDeclaration parse(Path file) {
        YamlSection yaml = YamlReader.read(file);
        yaml.allowOnly(Set.of("id", "title", "time_zone", "late_tokens"));
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
        return new CourseDeclaration(id, yaml.text("title"), zone, yaml.integer("late_tokens", 0, 0), file);
    }
}

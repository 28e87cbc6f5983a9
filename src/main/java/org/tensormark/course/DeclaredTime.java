package org.tensormark.course;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release or due time as written in {@code assignment.yaml}: a local date-time in the course
 * zone ({@code 2026-03-15T23:59}), an instant ({@code 2026-03-15T15:59:00Z} or with an offset), or a
 * time relative to the sync that first saw this text ({@code +7d}, {@code -1d}, {@code +36h},
 * {@code -90m}; meant for demo courses). Exactly one of the three is set.
 */
record DeclaredTime(LocalDateTime local, Instant instant, Duration relative) {

    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,5})([dhm])");

    static DeclaredTime parse(YamlSection section, String field) {
        String text = section.text(field).trim();
        Matcher m = RELATIVE.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            ChronoUnit unit = switch (m.group(3)) {
                case "d" -> ChronoUnit.DAYS;
                case "h" -> ChronoUnit.HOURS;
                default -> ChronoUnit.MINUTES;
            };
            return new DeclaredTime(null, null, Duration.of(amount, unit));
        }
        try {
            return new DeclaredTime(LocalDateTime.parse(text), null, null);
        } catch (DateTimeParseException notLocal) {
            try {
                return new DeclaredTime(null, OffsetDateTime.parse(text).toInstant(), null);
            } catch (DateTimeParseException notInstant) {
                throw section.error(field, "'" + text + "' is not a date-time (expected ISO-8601 like 2026-03-15T23:59"
                        + " in the course time zone)");
            }
        }
    }

    /** The instant meant, for a course in {@code zone}, when the declaration is synced at {@code syncTime}. */
    Instant resolve(ZoneId zone, Instant syncTime) {
        if (relative != null) {
            return syncTime.truncatedTo(ChronoUnit.MINUTES).plus(relative);
        }
        return local != null ? local.atZone(zone).toInstant() : instant;
    }
}

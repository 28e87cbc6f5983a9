package org.tensormark.course;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes the sentences of a {@link LateDecision} in the course time zone, with its short name (SGT). */
final class LateSentences {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("d MMM HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("d MMM HH:mm:ss zzz", Locale.ENGLISH);

    private final ZoneId zone;
    private final LateUnit unit;

    LateSentences(ZoneId zone, LateUnit unit) {
        this.zone = zone;
        this.unit = unit;
    }

    String onTime(Instant received, Instant due) {
        return "On time: submitted " + time(received) + ", due " + time(due);
    }

    String late(long units, int tokens, Instant received, Instant due, double penalty) {
        String spent = tokens == 0 ? "" : ", " + tokens + " late token" + (tokens == 1 ? "" : "s") + " spent";
        return unit.count(units) + " late" + spent + ": submitted " + time(received) + ", due " + time(due)
                + ", \u2212" + percent(penalty) + " %";
    }

    String refused(Instant closed, Duration afterDue) {
        if (afterDue.isZero()) {
            return "Refused: hand-ins closed at the due time " + time(closed) + " (no late hand-ins)";
        }
        return "Refused: the late window closed " + time(closed) + " (" + span(afterDue) + " after the due time)";
    }

    /** Seconds are shown only when they matter, so "due 23:59" never hides a 23:59:30 hand-in. */
    String time(Instant instant) {
        boolean wholeMinute = instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0;
        return (wholeMinute ? MINUTES : SECONDS).format(instant.atZone(zone));
    }

    private String span(Duration d) {
        long unitMinutes = unit.length().toMinutes();
        long units = d.toMinutes() / unitMinutes;
        long minutes = d.toMinutes() % unitMinutes;
        String unitPart = units == 0 ? "" : unit.count(units);
        String minutePart = minutes == 0 ? "" : minutes + " minute" + (minutes == 1 ? "" : "s");
        return unitPart.isEmpty() ? minutePart : minutePart.isEmpty() ? unitPart : unitPart + " and " + minutePart;
    }

    static String percent(double value) {
        return java.math.BigDecimal.valueOf(Math.round(value * 100) / 100.0).stripTrailingZeros().toPlainString();
    }
}

package org.tensormark.course;

import java.time.Duration;

/** The unit a late penalty counts in. A unit is a fixed span of elapsed time, not a calendar unit. */
public enum LateUnit {
    DAY(Duration.ofHours(24), "day"),
    HOUR(Duration.ofHours(1), "hour");

    private final Duration length;
    private final String word;

    LateUnit(Duration length, String word) {
        this.length = length;
        this.word = word;
    }

    /** The elapsed time one unit spans: exactly 24 h for a day, whatever the calendar says. */
    public Duration length() {
        return length;
    }

    /** "1 day", "3 days", "1 hour". */
    String count(long n) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}

package org.tensormark.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sign-in is refused until {@code until} for this account or this client address. */
record LoginLocked(Scope scope, Instant until, Duration retryAfter) {

    /** What was locked, as the sentence names it. */
    enum Scope {
        ACCOUNT("this account"), ADDRESS("your network address");

        private final String words;

        Scope(String words) {
            this.words = words;
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** Whole seconds to wait, at least one: the value of a {@code Retry-After} header. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** E.g. "Too many failed sign-ins for this account: try again in 15 minutes (after 14:05 UTC)." */
    String sentence() {
        long minutes = (retryAfterSeconds() + 59) / 60;
        return "Too many failed sign-ins for " + scope.words + ": try again in " + minutes
                + (minutes == 1 ? " minute" : " minutes") + " (after " + CLOCK.format(until) + " UTC).";
    }
}

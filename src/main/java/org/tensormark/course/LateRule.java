package org.tensormark.course;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How an assignment treats late hand-ins: a penalty per started unit of lateness, for at most
 * {@code maxUnits} units, after which hand-ins are refused.
 *
 * <p>Lateness is measured from the effective due instant (the due time or an extension) plus the
 * grace minutes. Each unit is a fixed span of <em>elapsed</em> time (24 h for a day), so a day late
 * across a daylight-saving change is still 24 h long, never 23 or 25: the rule is the same for
 * every student whatever their zone. A hand-in exactly at the due instant is on time; one
 * millisecond later it is one unit late; at exactly 24 h it is still one day late.
 *
 * @param penaltyPercentPerUnit percent of the score taken off per started unit
 * @param unit                  {@link LateUnit#DAY} or {@link LateUnit#HOUR}
 * @param maxUnits              how many units late a hand-in is still accepted (0 = no late hand-ins)
 * @param graceMinutes          minutes after the due time that still count as on time
 * @param capPercent            the most a penalty can take off
 * @param tokensAllowed         whether late tokens may cancel units on this assignment
 */
public record LateRule(double penaltyPercentPerUnit, LateUnit unit, int maxUnits, int graceMinutes,
                       double capPercent, boolean tokensAllowed) {

    /** The course default: 5 % per day for at most 3 days, no grace, capped at 15 %, no tokens. */
    public static final LateRule DEFAULT = new LateRule(5, LateUnit.DAY, 3, 0, 15, false);

    public LateRule {
        requireRange("penalty per unit", penaltyPercentPerUnit, 0, 100);
        requireRange("cap", capPercent, 0, 100);
        if (unit == null) {
            throw new IllegalArgumentException("late unit is required (day or hour)");
        }
        if (maxUnits < 0 || graceMinutes < 0) {
            throw new IllegalArgumentException("max units and grace minutes must not be negative");
        }
    }

    /** A rule whose cap is the largest penalty it can reach: per-unit penalty × max units. */
    public static LateRule uncapped(double penaltyPercentPerUnit, LateUnit unit, int maxUnits, int graceMinutes,
                                    boolean tokensAllowed) {
        double cap = Math.min(100, penaltyPercentPerUnit * maxUnits);
        return new LateRule(penaltyPercentPerUnit, unit, maxUnits, graceMinutes, cap, tokensAllowed);
    }

    /** The rule in one plain sentence, e.g. "5 % off per started day late, for at most 3 days; later hand-ins are refused." */
    public String describe() {
        if (maxUnits == 0) {
            return "No late hand-ins: the hand-in closes at the due time"
                    + (graceMinutes > 0 ? " (plus " + graceMinutes + " minutes' grace)." : ".");
        }
        String per = percent(penaltyPercentPerUnit);
        String cap = percent(capPercent);
        return per + " % off per started " + unit.count(1).substring(2) + " late, for at most " + unit.count(maxUnits)
                + " (at most " + cap + " % in all); later hand-ins are refused."
                + (graceMinutes > 0 ? " The first " + graceMinutes + " minutes after the due time count as on time." : "")
                + (tokensAllowed ? " Late tokens can cancel late days." : "");
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Decides a hand-in with no late tokens spent. */
    public LateDecision decide(Instant receivedUtc, Instant effectiveDue, ZoneId zone) {
        return decide(receivedUtc, effectiveDue, zone, 0);
    }

    /**
     * Decides a hand-in received at {@code receivedUtc} (server clock) against {@code effectiveDue}.
     * Each late token spent cancels one unit of penalty when the rule allows tokens; tokens never
     * widen the window in which hand-ins are accepted.
     */
    public LateDecision decide(Instant receivedUtc, Instant effectiveDue, ZoneId zone, int tokensSpent) {
        Instant lateFrom = effectiveDue.plus(Duration.ofMinutes(graceMinutes));
        Instant closes = windowClosesAt(effectiveDue);
        LateSentences words = new LateSentences(zone, unit);
        if (!receivedUtc.isAfter(lateFrom)) {
            return new LateDecision(true, 0, 0, words.onTime(receivedUtc, effectiveDue), closes);
        }
        long units = startedUnits(lateFrom, receivedUtc);
        if (receivedUtc.isAfter(closes)) {
            String sentence = words.refused(closes, Duration.between(effectiveDue, closes));
            return new LateDecision(false, units, 100, sentence, closes);
        }
        int tokens = tokensAllowed ? (int) Math.min(Math.max(tokensSpent, 0), units) : 0;
        double penalty = Math.round(Math.min(capPercent, (units - tokens) * penaltyPercentPerUnit) * 100) / 100.0;
        return new LateDecision(true, units, penalty,
                words.late(units, tokens, receivedUtc, effectiveDue, penalty), closes);
    }

    /** The last instant a hand-in is accepted: due + grace + max units. */
    public Instant windowClosesAt(Instant effectiveDue) {
        return effectiveDue.plus(Duration.ofMinutes(graceMinutes)).plus(unit.length().multipliedBy(maxUnits));
    }

    private long startedUnits(Instant lateFrom, Instant received) {
        long lateMillis = Duration.between(lateFrom, received).toMillis();
        long unitMillis = unit.length().toMillis();
        return (lateMillis + unitMillis - 1) / unitMillis;
    }

    private static void requireRange(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + " %, was " + value);
        }
    }
}

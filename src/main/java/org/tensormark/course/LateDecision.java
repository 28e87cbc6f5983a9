package org.tensormark.course;

import java.time.Instant;

/**
 * What a late rule says about one hand-in.
 *
 * @param accepted       false when the hand-in came after the late window closed
 * @param unitsLate      started late units (0 when on time), before any late tokens are spent
 * @param penaltyPercent percent of the score taken off, rounded to 0.01; 100 for a refused hand-in
 * @param sentence       the explanation shown to the student, times in the course time zone
 * @param windowClosesAt the last instant at which a hand-in is still accepted
 */
public record LateDecision(boolean accepted, long unitsLate, double penaltyPercent, String sentence,
                           Instant windowClosesAt) {
}

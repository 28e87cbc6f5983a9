package org.tensormark.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LateRuleTest {

    private static final ZoneId SGT = ZoneId.of("Asia/Singapore");
    private static final Instant DUE = LocalDateTime.parse("2026-03-15T23:59").atZone(SGT).toInstant();
    private static final LateRule RULE = LateRule.DEFAULT;

    @Test
    void aHandInAtTheDueInstantOrOneMillisecondBeforeIsOnTime() {
        assertEquals(0, RULE.decide(DUE, DUE, SGT).unitsLate());
        LateDecision before = RULE.decide(DUE.minusMillis(1), DUE, SGT);
        assertTrue(before.accepted());
        assertEquals(0, before.penaltyPercent());
        assertEquals("On time: submitted 15 Mar 23:58:59 SGT, due 15 Mar 23:59 SGT", before.sentence());
    }

    @Test
    void oneMillisecondAfterTheDueInstantIsOneDayLate() {
        LateDecision d = RULE.decide(DUE.plusMillis(1), DUE, SGT);
        assertTrue(d.accepted());
        assertEquals(1, d.unitsLate());
        assertEquals(5, d.penaltyPercent());
    }

    @Test
    void eachDayStartsTwentyFourHoursAfterTheLastOne() {
        for (int day = 1; day <= 3; day++) {
            Instant endOfDay = DUE.plus(Duration.ofHours(24L * day));
            assertEquals(day, RULE.decide(endOfDay, DUE, SGT).unitsLate(), "at the end of day " + day);
            if (day < 3) {
                assertEquals(day + 1, RULE.decide(endOfDay.plusMillis(1), DUE, SGT).unitsLate());
            }
        }
    }

    @Test
    void theSentenceNamesTheDaysTheTimesInTheCourseZoneAndThePenalty() {
        Instant received = LocalDateTime.parse("2026-03-17T09:12").atZone(SGT).toInstant();
        assertEquals("2 days late: submitted 17 Mar 09:12 SGT, due 15 Mar 23:59 SGT, \u221210 %",
                RULE.decide(received, DUE, SGT).sentence());
    }

    @Test
    void aHandInAfterTheWindowIsRefusedWithTheInstantItClosed() {
        Instant closes = DUE.plus(Duration.ofDays(3));
        assertTrue(RULE.decide(closes, DUE, SGT).accepted());
        LateDecision d = RULE.decide(closes.plusMillis(1), DUE, SGT);
        assertFalse(d.accepted());
        assertEquals(closes, d.windowClosesAt());
        assertEquals(100, d.penaltyPercent());
        assertEquals("Refused: the late window closed 18 Mar 23:59 SGT (3 days after the due time)", d.sentence());
    }

    @Test
    void graceMinutesCountAsOnTimeAndShiftTheDays() {
        LateRule rule = new LateRule(5, LateUnit.DAY, 3, 15, 15, false);
        assertEquals(0, rule.decide(DUE.plus(Duration.ofMinutes(15)), DUE, SGT).unitsLate());
        assertEquals(1, rule.decide(DUE.plus(Duration.ofMinutes(15)).plusMillis(1), DUE, SGT).unitsLate());
        assertEquals(1, rule.decide(DUE.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(15)), DUE, SGT).unitsLate());
        LateDecision refused = rule.decide(DUE.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(16)), DUE, SGT);
        assertFalse(refused.accepted());
        assertTrue(refused.sentence().endsWith("(3 days and 15 minutes after the due time)"), refused.sentence());
    }

    @Test
    void latePenaltyIsCappedEvenWhenUnitsWouldTakeMore() {
        LateRule rule = new LateRule(10, LateUnit.DAY, 5, 0, 25, false);
        assertEquals(20, rule.decide(DUE.plus(Duration.ofHours(30)), DUE, SGT).penaltyPercent());
        assertEquals(25, rule.decide(DUE.plus(Duration.ofHours(80)), DUE, SGT).penaltyPercent());
        assertEquals(25, rule.decide(DUE.plus(Duration.ofDays(5)), DUE, SGT).penaltyPercent());
    }

    @Test
    void theDefaultCapIsThePerUnitPenaltyTimesTheMaximumUnits() {
        assertEquals(30, LateRule.uncapped(10, LateUnit.DAY, 3, 0, false).capPercent());
        assertEquals(100, LateRule.uncapped(50, LateUnit.DAY, 3, 0, false).capPercent());
    }

    @Test
    void hourUnitsCountStartedHours() {
        LateRule rule = LateRule.uncapped(2, LateUnit.HOUR, 10, 0, false);
        LateDecision d = rule.decide(DUE.plus(Duration.ofMinutes(61)), DUE, SGT);
        assertEquals(2, d.unitsLate());
        assertEquals(4, d.penaltyPercent());
        assertTrue(d.sentence().startsWith("2 hours late:"), d.sentence());
        assertEquals(DUE.plus(Duration.ofHours(10)), d.windowClosesAt());
    }

    @Test
    void aDayAcrossNewYorkSpringForwardIsTwentyFourHoursNotACalendarDay() {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant due = LocalDateTime.parse("2026-03-07T23:59").atZone(ny).toInstant();
        Instant sameWallClockNextDay = LocalDateTime.parse("2026-03-08T23:59").atZone(ny).toInstant();
        assertEquals(Duration.ofHours(23), Duration.between(due, sameWallClockNextDay));
        assertEquals(1, RULE.decide(sameWallClockNextDay, due, ny).unitsLate());
        assertEquals(1, RULE.decide(due.plus(Duration.ofHours(24)), due, ny).unitsLate());
        LateDecision d = RULE.decide(due.plus(Duration.ofHours(24)).plusMillis(1), due, ny);
        assertEquals(2, d.unitsLate());
        assertTrue(d.sentence().contains("due 7 Mar 23:59 EST"), d.sentence());
        assertTrue(d.sentence().contains("submitted 9 Mar 00:59:00 EDT"), d.sentence());
    }

    @Test
    void aDayAcrossBerlinFallBackIsTwentyFourHoursNotACalendarDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant due = LocalDateTime.parse("2026-10-24T23:59").atZone(berlin).toInstant();
        Instant sameWallClockNextDay = LocalDateTime.parse("2026-10-25T23:59").atZone(berlin).toInstant();
        assertEquals(Duration.ofHours(25), Duration.between(due, sameWallClockNextDay));
        assertEquals(2, RULE.decide(sameWallClockNextDay, due, berlin).unitsLate());
        LateDecision closed = RULE.decide(due.plus(Duration.ofDays(3)).plusMillis(1), due, berlin);
        assertEquals("Refused: the late window closed 27 Oct 22:59 CET (3 days after the due time)", closed.sentence());
    }

    @Test
    void aDayAcrossBerlinSpringForwardIsTwentyFourHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant due = LocalDateTime.parse("2026-03-28T23:59").atZone(berlin).toInstant();
        assertEquals(1, RULE.decide(due.plus(Duration.ofHours(24)), due, berlin).unitsLate());
        assertEquals(2, RULE.decide(due.plus(Duration.ofHours(24)).plusMillis(1), due, berlin).unitsLate());
    }

    @Test
    void anExtensionMovesTheDueInstantTheRuleMeasuresFrom() {
        Instant extended = DUE.plus(Duration.ofDays(2));
        LateDecision d = RULE.decide(DUE.plus(Duration.ofDays(4)), extended, SGT);
        assertTrue(d.accepted());
        assertEquals(2, d.unitsLate());
        assertTrue(d.sentence().contains("due 17 Mar 23:59 SGT"), d.sentence());
        assertEquals(extended.plus(Duration.ofDays(3)), d.windowClosesAt());
    }

    @Test
    void lateTokensCancelUnitsOnlyWhereTheRuleAllowsThem() {
        Instant twoDaysLate = DUE.plus(Duration.ofHours(30));
        LateRule withTokens = LateRule.uncapped(5, LateUnit.DAY, 3, 0, true);
        LateDecision d = withTokens.decide(twoDaysLate, DUE, SGT, 1);
        assertEquals(2, d.unitsLate());
        assertEquals(5, d.penaltyPercent());
        assertTrue(d.sentence().startsWith("2 days late, 1 late token spent:"), d.sentence());
        assertEquals(0, withTokens.decide(twoDaysLate, DUE, SGT, 5).penaltyPercent());
        assertEquals(10, RULE.decide(twoDaysLate, DUE, SGT, 2).penaltyPercent());
        assertFalse(withTokens.decide(DUE.plus(Duration.ofDays(4)), DUE, SGT, 3).accepted());
    }

    @Test
    void aRuleWithNoLateUnitsRefusesAnythingAfterTheDueTime() {
        LateRule strict = LateRule.uncapped(5, LateUnit.DAY, 0, 0, false);
        assertTrue(strict.decide(DUE, DUE, SGT).accepted());
        LateDecision d = strict.decide(DUE.plusMillis(1), DUE, SGT);
        assertFalse(d.accepted());
        assertEquals("Refused: hand-ins closed at the due time 15 Mar 23:59 SGT (no late hand-ins)", d.sentence());
    }

    @Test
    void fractionalPenaltiesPrintWithoutFloatingPointNoise() {
        LateRule rule = LateRule.uncapped(0.1, LateUnit.HOUR, 48, 0, false);
        LateDecision d = rule.decide(DUE.plus(Duration.ofMinutes(150)), DUE, SGT);
        assertEquals(0.3, d.penaltyPercent());
        assertTrue(d.sentence().endsWith("\u22120.3 %"), d.sentence());
    }

    @Test
    void impossibleRulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LateRule(-1, LateUnit.DAY, 3, 0, 15, false));
        assertThrows(IllegalArgumentException.class, () -> new LateRule(5, LateUnit.DAY, 3, 0, 150, false));
        assertThrows(IllegalArgumentException.class, () -> new LateRule(5, null, 3, 0, 15, false));
    }
}

package org.tensormark.grading;

import java.util.List;

/**
 * A hand-in's score: the checks' raw points, the late penalty with the sentence that explains it,
 * and the final points = raw × (1 − penalty %).
 */
public record ScoreBreakdown(double rawPoints, double maxPoints, double latePenaltyPercent, String lateSentence,
        double finalPoints, List<CheckOutcome> checks) {

    static ScoreBreakdown of(List<CheckOutcome> checks, double penaltyPercent, String sentence) {
        double raw = checks.stream().mapToDouble(CheckOutcome::points).sum();
        double max = checks.stream().mapToDouble(CheckOutcome::maxPoints).sum();
        return new ScoreBreakdown(round(raw), round(max), penaltyPercent, sentence,
                round(afterPenalty(raw, penaltyPercent)), checks);
    }

    /** Raw points less the late penalty, never below zero. */
    static double afterPenalty(double raw, double penaltyPercent) {
        return Math.max(0, raw * (1 - penaltyPercent / 100.0));
    }

    private static double round(double points) {
        return Math.round(points * 1e6) / 1e6;
    }
}

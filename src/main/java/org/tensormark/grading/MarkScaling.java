package org.tensormark.grading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An individual's mark on group work after the instructor scaled it (peer assessment): the group's
 * hand-in points times the student's factor, never above the assignment's maximum.
 *
 * @param handinPoints the final points of the group's hand-in that counts, before scaling
 * @param factor       the instructor's factor for this student (0 to 1.5)
 * @param points       the student's mark: {@code handinPoints × factor}, capped at {@code maxPoints}
 * @param maxPoints    the assignment's maximum
 * @param capped       whether the product was above the maximum and the mark is the maximum
 */
public record MarkScaling(double handinPoints, BigDecimal factor, double points, double maxPoints, boolean capped) {

    /** Scales {@code handinPoints} by {@code factor}, capped at {@code maxPoints}, rounded to 0.01. */
    public static MarkScaling of(double handinPoints, BigDecimal factor, double maxPoints) {
        double product = BigDecimal.valueOf(handinPoints).multiply(factor).setScale(2, RoundingMode.HALF_UP).doubleValue();
        boolean capped = product > maxPoints;
        return new MarkScaling(handinPoints, factor, capped ? maxPoints : product, maxPoints, capped);
    }

    /** How the mark came about, e.g. "80 × 1.10 = 88" or "80 × 1.50 = 120, capped at 100". */
    public String sentence() {
        double product = BigDecimal.valueOf(handinPoints).multiply(factor).setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
        String text = number(handinPoints) + " × " + factorText() + " = "
                + number(product);
        return capped ? text + ", capped at " + number(maxPoints) : text;
    }

    /** At least two decimals ("1.10"), three where the factor has them ("1.125"). */
    private String factorText() {
        BigDecimal f = factor.stripTrailingZeros();
        return (f.scale() < 2 ? f.setScale(2) : f).toPlainString();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

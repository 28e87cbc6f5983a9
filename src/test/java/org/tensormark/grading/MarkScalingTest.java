package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarkScalingTest {

    @Test
    void aScaledMarkIsTheProductAndSaysHowItCameAbout() {
        MarkScaling s = MarkScaling.of(80, new BigDecimal("1.1"), 100);
        assertEquals(88.0, s.points());
        assertEquals("80 × 1.10 = 88", s.sentence());
    }

    @Test
    void aProductAboveTheMaximumIsCappedAtTheMaximumAndSaysSo() {
        MarkScaling s = MarkScaling.of(80, new BigDecimal("1.500"), 100);
        assertEquals(100.0, s.points());
        assertTrue(s.capped());
        assertEquals("80 × 1.50 = 120, capped at 100", s.sentence());
    }

    @Test
    void aFactorWithThreeDecimalsKeepsThemAndPointsAreRoundedToHundredths() {
        MarkScaling s = MarkScaling.of(77.5, new BigDecimal("0.875"), 100);
        assertEquals(67.81, s.points());
        assertEquals("77.5 × 0.875 = 67.81", s.sentence());
    }
}

package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void aConfiguredToleranceIsPrintedWithEveryDigitOfItsExponent() {
        assertEquals("1e-10", Figures.exact(1e-10));
        assertEquals("1e-06", Figures.exact(1e-6));
        assertEquals("2.5e-12", Figures.exact(2.5e-12));
        assertEquals("1e-100", Figures.exact(1e-100));
        assertEquals("1e-05", Figures.exact(1e-5));
        assertEquals("1e-08", Figures.exact(1e-8));
    }

    @Test
    void aConfiguredToleranceIsNeverRounded() {
        assertEquals("0.001", Figures.exact(0.001));
        assertEquals("1.0", Figures.exact(1));
        assertEquals("1234.5", Figures.exact(1234.5));
        assertEquals("0.0", Figures.exact(0));
        assertEquals("0.1", Figures.exact(0.1));
        assertEquals("0.0001", Figures.exact(1e-4));
        assertEquals("123456.75", Figures.exact(123456.75));
        assertEquals("1.5e+07", Figures.exact(1.5e7));
        assertEquals("0.30000000000000004", Figures.exact(0.1 + 0.2));
    }

    @Test
    void aComputedFactorKeepsFourSignificantDigitsAndItsWholeExponent() {
        assertEquals("2.0", Figures.brief(2));
        assertEquals("0.5", Figures.brief(0.5));
        assertEquals("0.3333", Figures.brief(1.0 / 3));
        assertEquals("-1.5", Figures.brief(-1.5));
        assertEquals("1e-10", Figures.brief(1e-10));
        assertEquals("1.235e-12", Figures.brief(1.23456e-12));
        assertEquals("1e+10", Figures.brief(1e10));
        assertEquals("inf", Figures.brief(Double.POSITIVE_INFINITY));
    }
}

package org.tensormark.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensormark.tensor.ComparisonResult.Verdict;
import org.tensormark.tensor.Tolerance.DTypeRule;

class ComparisonTest {

    private static final Tolerance TOL = Tolerance.of(1e-5, 1e-8);

    private static Tensor f32(long[] shape, double... values) {
        return Tensor.of(DType.FLOAT32, shape, values);
    }

    private static Tensor twelve() {
        return f32(new long[] {4, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void identicalTensorsPassWithTheirFigures() {
        ComparisonResult r = Comparison.of("y", twelve(), twelve(), TOL);
        assertTrue(r.passed());
        assertEquals(0, r.mismatches());
        assertEquals(12, r.total());
        assertEquals("all 12 values match (max abs error 0.0000)", r.explanation());
        assertEquals("y: all 12 values match (max abs error 0.0000)", r.toString());
    }

    @Test
    void aTransposedWeightMatrixIsNamedAsSuch() {
        Tensor transposed = f32(new long[] {3, 4}, 1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
        ComparisonResult r = Comparison.of("w", twelve(), transposed, TOL);
        assertEquals(Verdict.SHAPE, r.verdict());
        assertEquals("expected shape (4, 3), got (3, 4) — is the weight matrix transposed?", r.explanation());
        assertArrayEquals(new long[] {3, 4}, r.actualShape());
        assertTrue(Double.isNaN(r.maxAbsError()));
    }

    @Test
    void aStraySizeOneAxisIsExplainedAsASqueeze() {
        Tensor expected = f32(new long[] {5}, 1, 2, 3, 4, 5);
        ComparisonResult r = Comparison.of("p", expected, f32(new long[] {5, 1}, 1, 2, 3, 4, 5), TOL);
        assertEquals("expected shape (5,), got (5, 1) — the values match after squeezing: return a 1-d array",
                r.explanation());
        ComparisonResult lost = Comparison.of("p", f32(new long[] {5, 1}, 1, 2, 3, 4, 5), expected, TOL);
        assertTrue(lost.explanation().contains("keepdims=True"), lost.explanation());
    }

    @Test
    void shapeMistakesBeyondTransposesGetTheirOwnHints() {
        Tensor abc = f32(new long[] {2, 3, 1}, 1, 2, 3, 4, 5, 6);
        Tensor swapped = f32(new long[] {3, 2, 1}, 1, 4, 2, 5, 3, 6);
        assertTrue(Comparison.of("h", abc, swapped, TOL).explanation().contains("np.transpose(a, (1, 0, 2))"));
        Tensor broadcast = f32(new long[] {3, 3}, new double[9]);
        assertTrue(Comparison.of("d", f32(new long[] {3}, 1, 2, 3), broadcast, TOL).explanation()
                .contains("a (3, 1) array broadcast against a (3,) one?"));
        assertTrue(Comparison.of("r", twelve(), f32(new long[] {3, 3}, new double[9]), TOL).explanation()
                .endsWith("expected 4 rows (examples), got 3"));
        assertTrue(Comparison.of("r", twelve(), f32(new long[] {2, 6}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), TOL)
                .explanation().endsWith("the values match in row-major order: reshape to (4, 3)"));
    }

    @Test
    void differingValuesNameTheWorstElementWithBothErrors() {
        double[] got = twelve().values().clone();
        double[] want = twelve().values().clone();
        want[7] = 0.7514;
        got[7] = 0.5;
        got[0] = 1.001;
        got[11] = 12.01;
        ComparisonResult r = Comparison.of("y", f32(new long[] {4, 3}, want), f32(new long[] {4, 3}, got), TOL);
        assertEquals(Verdict.VALUES, r.verdict());
        assertTrue(r.explanation().startsWith("3 of 12 values differ; worst at [2, 1]: expected 0.7514, got 0.5000 "
                + "(abs error 0.2514, rel 33 %"), r.explanation());
        assertEquals(3, r.mismatches());
        assertArrayEquals(new long[] {2, 1}, r.worstIndex());
        assertEquals(0.2514, r.maxAbsError(), 1e-12);
        assertEquals(0.2514 / 0.7514, r.maxRelError(), 1e-12);
        assertEquals(0.7514, r.worstExpected());
        assertEquals(0.5, r.worstActual());
    }

    @Test
    void theWorstElementIsAMismatchEvenWhenAPassingOneHasALargerAbsoluteError() {
        Tensor expected = f32(new long[] {2}, 1e6, 0);
        Tensor actual = f32(new long[] {2}, 1e6 + 5, 0.001);
        ComparisonResult r = Comparison.of("y", expected, actual, TOL);
        assertEquals(1, r.mismatches());
        assertArrayEquals(new long[] {1}, r.worstIndex());
        assertEquals(5, r.maxAbsError());
        assertEquals(Double.POSITIVE_INFINITY, r.maxRelError());
        assertTrue(r.explanation().contains("expected is 0"), r.explanation());
    }

    @Test
    void aNanIsReportedWithItsIndexAndTheLikelyOverflow() {
        double[] got = twelve().values().clone();
        got[3] = Double.NaN;
        Tensor actual = f32(new long[] {3, 4}, got);
        ComparisonResult r = Comparison.of("softmax", f32(new long[] {3, 4}, twelve().values()), actual, TOL);
        assertEquals(Verdict.NOT_FINITE, r.verdict());
        assertEquals("got NaN at [0, 3]: an overflow? (for softmax subtract the max first)", r.explanation());
        assertArrayEquals(new long[] {0, 3}, r.firstNonFiniteIndex());
        got[5] = Double.NEGATIVE_INFINITY;
        got[3] = 4;
        assertTrue(Comparison.of("bce", f32(new long[] {3, 4}, twelve().values()), f32(new long[] {3, 4}, got), TOL)
                .explanation().startsWith("got -inf at [1, 1]: log of 0?"));
    }

    @Test
    void signFactorOffsetAndTransposeHintsAppearWhereTheyHold() {
        Tensor e = f32(new long[] {2, 2}, 1, -2, 3, 0.5);
        assertTrue(hint(e, f32(new long[] {2, 2}, -1, 2, -3, -0.5)).endsWith("values match up to a sign"));
        assertTrue(hint(e, f32(new long[] {2, 2}, 2, -4, 6, 1)).contains("off by a constant factor 2.0"));
        assertTrue(hint(e, f32(new long[] {2, 2}, 2, -1, 4, 1.5)).contains("off by a constant 1.0000 everywhere"));
        assertTrue(hint(e, f32(new long[] {2, 2}, 1, 3, -2, 0.5)).contains("the values match the transpose"));
        assertTrue(hint(e, f32(new long[] {2, 2}, 0.5, -1, 1.5, 0.25)).contains("off by a constant factor 0.5 "
                + "(got = 0.5 × expected)"));
        assertFalse(hint(e, f32(new long[] {2, 2}, 1, 2, 3, 4)).contains(" — "));
    }

    @Test
    void aSingleValueIsDescribedWithoutAnIndexOrAFactorThatAlwaysHolds() {
        ComparisonResult r = Comparison.of("loss", Tensor.scalar(DType.FLOAT32, 0.25),
                Tensor.scalar(DType.FLOAT32, 1), TOL);
        assertEquals("the value differs: expected 0.2500, got 1.0000 (abs error 0.7500, rel 300 %; "
                + "allowed 1e-08 + 1e-05 × |expected|)", r.explanation());
        assertTrue(Comparison.of("loss", Tensor.scalar(DType.FLOAT32, 0.25), Tensor.scalar(DType.FLOAT32, -0.25),
                TOL).explanation().endsWith(" — values match up to a sign"));
    }

    @Test
    void aTinyAbsoluteToleranceIsQuotedAsConfigured() {
        ComparisonResult r = Comparison.of("loss", Tensor.scalar(DType.FLOAT64, 0.25),
                Tensor.scalar(DType.FLOAT64, 1), Tolerance.of(1e-6, 1e-10));
        assertEquals("the value differs: expected 0.2500, got 1.0000 (abs error 0.7500, rel 300 %; "
                + "allowed 1e-10 + 1e-06 × |expected|)", r.explanation());
        ComparisonResult loose = Comparison.of("loss", Tensor.scalar(DType.FLOAT64, 0.25),
                Tensor.scalar(DType.FLOAT64, 2000), Tolerance.of(0.001, 1234.5));
        assertEquals("the value differs: expected 0.2500, got 2000.0000 (abs error 1999.7500, rel 799900 %; "
                + "allowed 1234.5 + 0.001 × |expected|)", loose.explanation());
    }

    @Test
    void aSingleMatchingValueIsDescribedInTheSingular() {
        ComparisonResult r = Comparison.of("loss", Tensor.scalar(DType.FLOAT32, 0.25),
                Tensor.scalar(DType.FLOAT32, 0.25), TOL);
        assertEquals("the value matches (abs error 0.0000)", r.explanation());
        assertEquals("all 2 values match (max abs error 0.0000)",
                Comparison.of("y", twelveOf(2), twelveOf(2), TOL).explanation());
    }

    @Test
    void oneDifferingValueAmongManyIsDescribedInTheSingular() {
        double[] got = twelve().values().clone();
        got[4] = 5.5;
        ComparisonResult r = Comparison.of("y", twelve(), f32(new long[] {4, 3}, got), TOL);
        assertEquals("1 of 12 values differs, at [1, 1]: expected 5.0000, got 5.5000 (abs error 0.5000, rel 10 %; "
                + "allowed 1e-08 + 1e-05 × |expected|)", r.explanation());
    }

    @Test
    void countsInShapeHintsAgreeWithTheirNouns() {
        assertEquals("expected shape (1, 3), got (2, 3) — expected 1 row (example), got 2",
                Comparison.of("r", f32(new long[] {1, 3}, 1, 2, 3), f32(new long[] {2, 3}, new double[6]), TOL)
                        .explanation());
        assertEquals("expected shape (1,), got (2, 2) — 1 value expected, 4 returned",
                Comparison.of("r", f32(new long[] {1}, 1), f32(new long[] {2, 2}, new double[4]), TOL)
                        .explanation());
    }

    @Test
    void toleranceFollowsNumpyAllcloseAndIsAsymmetric() {
        Tolerance tol = Tolerance.of(0.01, 0);
        assertTrue(tol.close(100, 101));
        assertFalse(tol.close(100, 101.01));
        assertTrue(tol.close(101, 100.0));
        assertTrue(tol.close(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertFalse(tol.close(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertFalse(tol.close(Double.NaN, Double.NaN));
        assertTrue(tol.withNanEqual(true).close(Double.NaN, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.of(Double.NaN, 0));
    }

    @Test
    void nanInBothPassesOnlyWhenNanEqual() {
        Tensor nan = f32(new long[] {2}, 1, Double.NaN);
        assertFalse(Comparison.of("x", nan, nan, TOL).passed());
        assertTrue(Comparison.of("x", nan, nan, TOL.withNanEqual(true)).passed());
    }

    @Test
    void dtypeRulesDecideWhichDtypesStandForTheExpectedOne() {
        Tensor f64 = Tensor.of(DType.FLOAT64, new long[] {2}, 1, 2);
        Tensor i64 = Tensor.of(DType.INT64, new long[] {2}, 1, 2);
        ComparisonResult exact = Comparison.of("y", twelveOf(2), f64, TOL.withDTypeRule(DTypeRule.EXACT));
        assertEquals(Verdict.DTYPE, exact.verdict());
        assertEquals("expected dtype float32, got float64 — cast with .astype(np.float32) (torch: .float())",
                exact.explanation());
        assertTrue(Comparison.of("y", twelveOf(2), f64, TOL).passed());
        ComparisonResult kind = Comparison.of("y", twelveOf(2), i64, TOL);
        assertEquals(Verdict.DTYPE, kind.verdict());
        assertTrue(kind.explanation().contains("integer division"), kind.explanation());
        assertTrue(Comparison.of("y", twelveOf(2), i64, TOL.withDTypeRule(DTypeRule.CAST)).passed());
        assertNull(Comparison.of("y", twelveOf(2), i64, TOL).worstIndex());
    }

    private static Tensor twelveOf(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i + 1;
        }
        return f32(new long[] {n}, values);
    }

    private static String hint(Tensor expected, Tensor actual) {
        ComparisonResult r = Comparison.of("h", expected, actual, TOL);
        assertEquals(Verdict.VALUES, r.verdict());
        return r.explanation();
    }
}

package org.tensormark.tensor;

/**
 * The outcome of comparing one output of a hand-in with the reference, as figures for the scorer
 * and an {@link #explanation()} written for the student.
 *
 * <p>Error figures are {@code NaN}, and indices {@code null}, where they do not apply (e.g. after a
 * shape mismatch). Arrays are owned by the result and must not be modified.
 *
 * @param name                 the check or output name, e.g. {@code logits}
 * @param verdict              why it failed, or {@link Verdict#OK}
 * @param expectedDType        the reference's dtype
 * @param actualDType          the hand-in's dtype
 * @param expectedShape        the reference's shape
 * @param actualShape          the hand-in's shape
 * @param mismatches           elements outside the tolerance (0 unless values were compared)
 * @param total                elements compared (the expected size)
 * @param maxAbsError          largest {@code |actual - expected|}; infinite where a non-finite pair differs
 * @param maxRelError          largest {@code |actual - expected| / |expected|}; infinite where expected is 0
 * @param worstIndex           the index of the worst element, e.g. {@code [2, 1]}
 * @param worstExpected        the reference value there
 * @param worstActual          the hand-in value there
 * @param firstNonFiniteIndex  the first NaN/inf of the hand-in that the reference does not have
 * @param explanation          one or two sentences for the student
 */
public record ComparisonResult(String name, Verdict verdict, DType expectedDType, DType actualDType,
        long[] expectedShape, long[] actualShape, long mismatches, long total, double maxAbsError,
        double maxRelError, long[] worstIndex, double worstExpected, double worstActual,
        long[] firstNonFiniteIndex, String explanation) {

    /** Why a comparison failed, in the order the checks run. */
    public enum Verdict {
        /** Every element is within tolerance. */
        OK,
        /** The shapes differ. */
        SHAPE,
        /** The dtype is not allowed by the tolerance's dtype rule. */
        DTYPE,
        /** The hand-in has NaN or infinity where the reference has not. */
        NOT_FINITE,
        /** Some values are outside the tolerance. */
        VALUES
    }

    public boolean passed() {
        return verdict == Verdict.OK;
    }

    /** The explanation prefixed with the name: {@code logits: 3 of 12 values differ; ...}. */
    @Override
    public String toString() {
        return name + ": " + explanation;
    }
}

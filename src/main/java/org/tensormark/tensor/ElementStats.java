package org.tensormark.tensor;

/**
 * The figures of one element-wise pass over two tensors of the same shape: mismatch count, the
 * largest errors, the worst element (the largest error among mismatches, or overall when all
 * match) and the first unexpected NaN/inf of the hand-in.
 */
record ElementStats(long mismatches, double maxAbsError, double maxRelError, int worst, int firstNonFinite,
        long nonFinite) {

    static ElementStats scan(Tensor expected, Tensor actual, Tolerance tol) {
        double[] e = expected.values();
        double[] a = actual.values();
        Accumulator acc = new Accumulator();
        for (int i = 0; i < e.length; i++) {
            boolean close = tol.close(e[i], a[i]);
            double abs = close && !Double.isFinite(a[i]) ? 0 : Math.abs(a[i] - e[i]);
            abs = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs;
            double rel = abs == 0 ? 0 : abs / Math.abs(e[i]);
            acc.add(i, close, !Double.isFinite(a[i]), abs, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel);
        }
        return new ElementStats(acc.mismatches, acc.maxAbs, acc.maxRel,
                acc.worstMismatch >= 0 ? acc.worstMismatch : acc.worstClose, acc.firstNonFinite, acc.nonFinite);
    }

    /** The running figures of {@link #scan}. */
    private static final class Accumulator {
        long mismatches;
        long nonFinite;
        double maxAbs;
        double maxRel;
        int worstMismatch = -1;
        int worstClose = -1;
        double worstMismatchError = -1;
        double worstCloseError = -1;
        int firstNonFinite = -1;

        void add(int i, boolean close, boolean actualNonFinite, double abs, double rel) {
            if (close && abs > worstCloseError) {
                worstCloseError = abs;
                worstClose = i;
            } else if (!close) {
                mismatches++;
                if (abs > worstMismatchError) {
                    worstMismatchError = abs;
                    worstMismatch = i;
                }
                if (actualNonFinite) {
                    nonFinite++;
                    firstNonFinite = firstNonFinite < 0 ? i : firstNonFinite;
                }
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
        }
    }
}

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
        long mismatches = 0;
        long nonFinite = 0;
        double maxAbs = 0;
        double maxRel = 0;
        int worstMismatch = -1;
        int worstClose = -1;
        double worstMismatchError = -1;
        double worstCloseError = -1;
        int firstNonFinite = -1;
        for (int i = 0; i < e.length; i++) {
            boolean close = tol.close(e[i], a[i]);
            double abs = close && !Double.isFinite(a[i]) ? 0 : Math.abs(a[i] - e[i]);
            abs = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs;
            double rel = abs == 0 ? 0 : abs / Math.abs(e[i]);
            rel = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
            if (close) {
                if (abs > worstCloseError) {
                    worstCloseError = abs;
                    worstClose = i;
                }
            } else {
                mismatches++;
                if (abs > worstMismatchError) {
                    worstMismatchError = abs;
                    worstMismatch = i;
                }
                if (!Double.isFinite(a[i])) {
                    nonFinite++;
                    firstNonFinite = firstNonFinite < 0 ? i : firstNonFinite;
                }
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
        }
        int worst = worstMismatch >= 0 ? worstMismatch : worstClose;
        return new ElementStats(mismatches, maxAbs, maxRel, worst, firstNonFinite, nonFinite);
    }
}

package org.tensormark.tensor;

import java.util.Locale;

/** Numbers as a student reads them in feedback: four decimals, scientific only when needed. */
final class Figures {

    private Figures() {
    }

    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(v);
        if (v == 0 || (magnitude >= 1e-3 && magnitude < 1e5)) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    /** A value of a tensor: integers without decimals for integer and bool dtypes. */
    static String value(double v, DType dtype) {
        return dtype.isFloating() || v != Math.rint(v) ? value(v) : Long.toString((long) v);
    }

    /** A short number for tolerances and factors: {@code 2.0}, {@code 0.25}, {@code 1e-05}. */
    static String brief(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+($|e)", "$1");
    }

    /** A relative error as a percentage: {@code 33 %}, {@code 0.12 %}. */
    static String percent(double relative) {
        double p = relative * 100;
        if (Double.isInfinite(p)) {
            return "inf %";
        }
        if (p >= 10) {
            return String.format(Locale.ROOT, "%.0f %%", p);
        }
        return String.format(Locale.ROOT, "%.2g %%", p);
    }
}

package org.tensormark.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as a student reads them in feedback: four decimals, scientific only when needed. */
final class Figures {

    /** Seventeen significant digits tell every double apart. */
    private static final int MAX_DIGITS = 17;

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

    /** A computed factor to four significant digits: {@code 2.0}, {@code 0.25}, {@code 0.3333}, {@code 1e-05}. */
    static String brief(double v) {
        if (!Double.isFinite(v)) {
            return value(v);
        }
        return pythonLayout(new BigDecimal(v).round(new MathContext(4)));
    }

    /**
     * A number someone configured, such as a tolerance, with as few digits as tell it apart from
     * its neighbours and never rounded: {@code 1e-10}, {@code 2.5e-12}, {@code 0.001}, {@code 1234.5}.
     */
    static String exact(double v) {
        if (!Double.isFinite(v)) {
            return value(v);
        }
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < MAX_DIGITS; digits++) {
            BigDecimal shortest = exact.round(new MathContext(digits));
            if (shortest.doubleValue() == v) {
                return pythonLayout(shortest);
            }
        }
        return pythonLayout(exact.round(new MathContext(MAX_DIGITS)));
    }

    /**
     * The layout Python prints, which students know from their own notebooks: plain decimals with
     * at least one after the point from 1e-4 up to 1e6, else a mantissa and a signed exponent of at
     * least two digits ({@code 1e-06}, {@code 1e-100}, {@code 2.5e+07}).
     */
    private static String pythonLayout(BigDecimal number) {
        BigDecimal d = number.stripTrailingZeros();
        if (d.signum() == 0) {
            return "0.0";
        }
        String sign = d.signum() < 0 ? "-" : "";
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
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

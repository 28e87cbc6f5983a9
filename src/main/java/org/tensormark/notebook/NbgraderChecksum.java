package org.tensormark.notebook;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum nbgrader stores in {@code metadata.nbgrader.checksum} (its {@code utils.compute_checksum}):
 * the MD5 of the source, the cell type, Python's {@code str()} of is-grade, is-solution and
 * is-locked, the grade id and, for a grade cell, {@code str(float(points))}. The same value lets
 * nbgrader itself accept a release made here.
 */
public final class NbgraderChecksum {

    private NbgraderChecksum() {
    }

    public static String of(NotebookCell cell) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            update(md5, cell.source());
            update(md5, cell.type());
            update(md5, python(cell.grade()));
            update(md5, python(cell.solution()));
            update(md5, python(cell.locked()));
            update(md5, cell.gradeId());
            if (cell.grade()) {
                update(md5, pythonFloat(cell.points()));
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    /** Python's {@code str(float(x))} for the values points take: 2.0, 0.5, 1.25. */
    static String pythonFloat(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return (long) value + ".0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String python(boolean b) {
        return b ? "True" : "False";
    }

    private static void update(MessageDigest md5, String text) {
        md5.update(text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.tensormark.tensor;

import java.util.List;

/**
 * Maps NumPy dtype descriptors ({@code <f4}, {@code |b1}) to {@link DType}, explaining every
 * refusal in terms of the {@code .astype(...)} call that would fix it.
 */
final class NpyDescriptors {

    private static final String SUPPORTED = "float32 '<f4', float64 '<f8', int32 '<i4', int64 '<i8', "
            + "uint8 '|u1' or bool '|b1'";

    private NpyDescriptors() {
    }

    static DType dtypeOf(String entry, Object descr) {
        if (descr instanceof List<?>) {
            throw refuse(entry, "structured arrays (record dtypes) are not accepted; save each field as its "
                    + "own array");
        }
        if (!(descr instanceof String text) || text.length() < 2) {
            throw refuse(entry, "descr must be a dtype string such as '<f4', got " + descr);
        }
        char order = text.charAt(0);
        String code = text.substring(1);
        if ("<>|=".indexOf(order) < 0) {
            throw refuse(entry, "dtype '" + text + "' has no byte-order character; expected one of " + SUPPORTED);
        }
        DType dtype = byCode(code);
        if (dtype == null) {
            throw refuse(entry, unsupported(text, code));
        }
        if (dtype.bytes() > 1 && order == '>') {
            throw refuse(entry, "big-endian arrays are not accepted; save with .astype('" + dtype.descriptor()
                    + "')");
        }
        if (dtype.bytes() > 1 && order == '|') {
            throw refuse(entry, "dtype '" + text + "' gives no byte order for a " + dtype.bytes()
                    + "-byte type; save with .astype('" + dtype.descriptor() + "')");
        }
        return dtype;
    }

    private static DType byCode(String code) {
        for (DType dtype : DType.values()) {
            if (dtype.descriptor().substring(1).equals(code)) {
                return dtype;
            }
        }
        return null;
    }

    private static String unsupported(String text, String code) {
        char kind = code.charAt(0);
        if (kind == 'O') {
            return "object arrays (dtype '" + text + "') are not accepted: reading them needs pickle, which "
                    + "TensorMark never loads; return a numeric array";
        }
        if (kind == 'c') {
            return "complex arrays (dtype '" + text + "') are not accepted; return the real part (a.real)";
        }
        if (kind == 'U' || kind == 'S' || kind == 'a') {
            return "string arrays (dtype '" + text + "') are not accepted; return numbers";
        }
        if (kind == 'V') {
            return "void/structured arrays (dtype '" + text + "') are not accepted";
        }
        if (kind == 'f' || kind == 'd' || kind == 'e' || kind == 'g') {
            return "dtype '" + text + "' is not accepted; save with .astype('<f4') or .astype('<f8')";
        }
        if (kind == 'i' || kind == 'u' || kind == 'b') {
            return "dtype '" + text + "' is not accepted; save with .astype('<i4') or .astype('<i8')";
        }
        return "dtype '" + text + "' is not accepted; use " + SUPPORTED;
    }

    private static TensorFormatException refuse(String entry, String problem) {
        return new TensorFormatException(entry, problem);
    }
}

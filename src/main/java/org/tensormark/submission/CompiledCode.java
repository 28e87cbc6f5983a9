package org.tensormark.submission;

import java.util.Locale;

/**
 * Compiled Python in a hand-in: bytecode ({@code .pyc}, {@code .pyo}, anything in a
 * {@code __pycache__} folder) and native extension modules ({@code .so}, {@code .pyd}). Python
 * runs such files instead of, or without, the source a TA reads, so they are refused.
 */
final class CompiledCode {

    private CompiledCode() {
    }

    /** Throws {@link UnsafeArchiveException} naming the entry when it is compiled code. */
    static void refuse(String entryName) {
        String name = entryName.toLowerCase(Locale.ROOT);
        String plain = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        boolean inPycache = ("/" + plain + "/").contains("/__pycache__/");
        if (inPycache || plain.endsWith(".pyc") || plain.endsWith(".pyo")) {
            throw new UnsafeArchiveException("entry '" + entryName + "' is compiled Python (bytecode), which would run"
                    + " instead of the source your TA reads; delete every __pycache__ folder and .pyc file and zip"
                    + " again");
        }
        if (plain.endsWith(".so") || plain.endsWith(".pyd")) {
            throw new UnsafeArchiveException("entry '" + entryName + "' is a compiled extension module; hand in Python"
                    + " source only");
        }
    }
}

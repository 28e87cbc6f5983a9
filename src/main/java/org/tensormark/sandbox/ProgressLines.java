package org.tensormark.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Picks the harness's progress lines ({@code tensormark-progress <json>}) out of a job's stderr
 * while the job runs and hands their text after the prefix to a listener. Anything in the job can
 * write such a line, so what it says is display only (which notebook and cell is running), never a
 * result; a line longer than {@link #MAX_LINE} bytes is dropped whole, so a flood costs no memory.
 */
final class ProgressLines {

    /** What starts a progress line. */
    static final String PREFIX = "tensormark-progress ";
    /** The longest progress line kept, in bytes. */
    static final int MAX_LINE = 1024;
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final Consumer<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;

    ProgressLines(Consumer<String> listener) {
        this.listener = listener;
    }

    /** Feeds the next {@code n} bytes the job wrote. */
    void feed(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                end();
            } else if (!overlong) {
                line.write(b);
                overlong = line.size() > MAX_LINE;
            }
        }
    }

    private void end() {
        byte[] text = line.toByteArray();
        boolean wanted = !overlong && startsWithPrefix(text);
        line.reset();
        overlong = false;
        if (wanted) {
            try {
                listener.accept(new String(text, PREFIX_BYTES.length, text.length - PREFIX_BYTES.length,
                        StandardCharsets.UTF_8));
            } catch (RuntimeException e) { // a listener's problem must not stop the job's stream being drained
                System.getLogger(ProgressLines.class.getName()).log(System.Logger.Level.WARNING,
                        "progress listener failed: " + e);
            }
        }
    }

    private static boolean startsWithPrefix(byte[] text) {
        if (text.length < PREFIX_BYTES.length) {
            return false;
        }
        for (int i = 0; i < PREFIX_BYTES.length; i++) {
            if (text[i] != PREFIX_BYTES[i]) {
                return false;
            }
        }
        return true;
    }
}

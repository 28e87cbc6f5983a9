package org.tensormark.grading;

/**
 * Text that came out of a hand-in (exception messages, tracebacks, what it printed) made fit for
 * feedback and the database: its head and tail kept, the middle cut with a note saying how much,
 * and NUL characters (which PostgreSQL's text and jsonb refuse) replaced.
 */
final class HandinText {

    /** Characters kept from each end of an exception message with its traceback. */
    static final int MESSAGE_KEEP = 1_000;

    /** Characters kept from each end of a run's stdout and of its stderr. */
    static final int OUTPUT_KEEP = 64 * 1024;

    /** The sandbox's own note where it cut a stream while capturing it (see sandbox.CappedStream). */
    private static final String CAPTURE_NOTE = "[truncated: ";

    private HandinText() {
    }

    /**
     * The text with at most {@code keep} characters from each end; when more, the middle is
     * replaced by a note "[cut: N characters here]" ("more than N" when the sandbox had already cut
     * there while capturing). Null stays null.
     */
    static String capped(String text, int keep) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', '\uFFFD');
        if (clean.length() <= 2 * keep) {
            return clean;
        }
        int headEnd = boundary(clean, keep);
        int tailStart = boundary(clean, clean.length() - keep);
        String middle = clean.substring(headEnd, tailStart);
        String count = (middle.contains(CAPTURE_NOTE) ? "more than " : "") + middle.length();
        return clean.substring(0, headEnd) + "\n[cut: " + count + " characters here]\n" + clean.substring(tailStart);
    }

    /** {@code at}, moved back one where it would split a surrogate pair. */
    private static int boundary(String text, int at) {
        return at > 0 && Character.isLowSurrogate(text.charAt(at)) && Character.isHighSurrogate(text.charAt(at - 1))
                ? at - 1 : at;
    }
}

package org.tensormark.grading;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The sentence a student reads in place of a check's details while they are withheld. */
final class WithheldSummary {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z",
            Locale.ENGLISH);

    private WithheldSummary() {
    }

    /**
     * Says when the details appear: after-due checks by themselves at the due time (in the
     * course's zone, to the second where it is not a whole minute), hidden checks when an
     * instructor releases them.
     */
    static String of(String visibility, ZonedDateTime due) {
        if ("after_due".equals(visibility)) {
            boolean wholeMinute = due.getSecond() == 0 && due.getNano() == 0;
            return "After-due check: details are shown after the due time ("
                    + (wholeMinute ? MINUTES : SECONDS).format(due) + ").";
        }
        return "Hidden check: details are shown when your instructor releases them.";
    }
}

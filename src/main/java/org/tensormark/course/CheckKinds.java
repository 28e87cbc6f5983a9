package org.tensormark.course;

import java.util.Set;
import java.util.TreeSet;

/**
 * The check kinds an {@code assignment.yaml} may name. Sync refuses an assignment with an unknown
 * kind, so a typo never silently drops points. The grading feature registers the kinds it grades;
 * the kinds of the design are known from the start.
 */
public final class CheckKinds {

    private static final Set<String> KNOWN = new TreeSet<>(Set.of("tensor", "module", "train", "report", "manual", "video", "smoke",
            "notebook"));

    private CheckKinds() {
    }

    /** Makes {@code kind} acceptable in assignment files. */
    public static synchronized void register(String kind) {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("check kind must match [a-z][a-z0-9-]*, was '" + kind + "'");
        }
        KNOWN.add(kind);
    }

    public static synchronized boolean isKnown(String kind) {
        return KNOWN.contains(kind);
    }

    /** The known kinds, sorted, for error messages. */
    public static synchronized java.util.SortedSet<String> known() {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(KNOWN));
    }
}

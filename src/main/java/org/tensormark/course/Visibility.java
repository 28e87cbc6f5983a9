package org.tensormark.course;

/** When a check's details reach the student. */
public enum Visibility {
    /** Expected-vs-got details shown with every hand-in. */
    VISIBLE,
    /** Only pass/fail counts until the instructor releases the check. */
    HIDDEN,
    /** Hidden until the due time (or the student's extension) has passed. */
    AFTER_DUE
}

package org.tensormark.course;

/** Which of a student's hand-ins counts for the grade. */
public enum Counting {
    /** The most recent accepted hand-in. */
    LAST,
    /** The hand-in with the highest score after late penalty. */
    BEST,
    /** The hand-in the student marked as chosen (submission.chosen), else the last. */
    CHOSEN
}

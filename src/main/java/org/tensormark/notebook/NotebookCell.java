package org.tensormark.notebook;

/**
 * One cell of a notebook with its nbgrader metadata, as nbgrader reads it.
 *
 * @param number  1-based position in the notebook
 * @param type    {@code code}, {@code markdown} or {@code raw}
 * @param source  the cell's text (nbformat's list of lines joined)
 * @param gradeId {@code metadata.nbgrader.grade_id}, or null for a plain cell
 * @param points  points of a grade cell, else 0
 */
public record NotebookCell(int number, String type, String source, String gradeId, double points, boolean grade,
        boolean solution, boolean lockedFlag) {

    /** Locked as nbgrader decides: solution cells never, grade cells always, others when marked. */
    public boolean locked() {
        return !solution && (grade || lockedFlag);
    }

    /** An autograded test cell: code, graded, not an answer. */
    public boolean test() {
        return grade && !solution && type.equals("code");
    }

    /** A cell a TA grades by hand: graded and answered by the student (a plot, a written answer). */
    public boolean manual() {
        return grade && solution;
    }

    public boolean nbgrader() {
        return gradeId != null;
    }
}

package org.tensormark.notebook;

/**
 * One cell of a notebook with its nbgrader metadata, as nbgrader reads it.
 *
 * @param number  1-based position in the notebook
 * @param type    {@code code}, {@code markdown} or {@code raw}
 * @param source  the cell's text (nbformat's list of lines joined)
 * @param gradeId {@code metadata.nbgrader.grade_id}, or null for a plain cell
 * @param points  points of a grade cell or a task, else 0
 * @param task    {@code metadata.nbgrader.task}: a task cell (nbgrader 0.6 and later), a locked description
 *                of work the student does in the cells after it, graded by hand with its points
 */
public record NotebookCell(int number, String type, String source, String gradeId, double points, boolean grade,
        boolean solution, boolean lockedFlag, boolean task) {

    /** Locked as nbgrader decides: solution cells never, grade cells always, others when marked. */
    public boolean locked() {
        return !solution && (grade || lockedFlag);
    }

    /** An autograded test cell: code, graded, not an answer. */
    public boolean test() {
        return grade && !solution && type.equals("code");
    }

    /**
     * A cell a TA grades by hand: graded and answered by the student (a plot, a written answer), or
     * a task, whose answer is the student's cells after it.
     */
    public boolean manual() {
        return grade && solution || task;
    }

    public boolean nbgrader() {
        return gradeId != null;
    }
}

package org.tensormark.notebook;

/**
 * A source or handed-in notebook that cannot be used. The message names the file, the cell (1-based,
 * as Jupyter counts them) and the field at fault, so an instructor can find it without a stack trace.
 */
public final class NotebookFormatException extends RuntimeException {

    private final String file;
    private final int cell;
    private final String field;

    public NotebookFormatException(String file, int cell, String field, String problem) {
        super(file + (cell > 0 ? ", cell " + cell : "") + (field == null ? "" : ", field " + field) + ": " + problem);
        this.file = file;
        this.cell = cell;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** The 1-based cell number, or 0 when the fault is the notebook's as a whole. */
    public int cell() {
        return cell;
    }

    /** The field at fault ({@code nbformat}, {@code metadata.nbgrader.points}, …), or null. */
    public String field() {
        return field;
    }
}

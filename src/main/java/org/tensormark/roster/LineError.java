package org.tensormark.roster;

/** A row of a roster file that could not be used, by its line number in the file. */
public record LineError(int line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}

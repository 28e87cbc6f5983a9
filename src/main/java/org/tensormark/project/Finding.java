package org.tensormark.project;

/** One line of a check's feedback: what was found, and whether it passes. */
public record Finding(boolean ok, String message) {
}

package org.tensormark.submission;

/** A hand-in file that fails a content check; the message is for the student. */
class RejectedFileException extends RuntimeException {

    RejectedFileException(String message) {
        super(message);
    }
}

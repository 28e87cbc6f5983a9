package org.tensormark.submission;

/** An archive that must not be unpacked, with the reason in words a student can act on. */
public class UnsafeArchiveException extends RuntimeException {

    public UnsafeArchiveException(String message) {
        super(message);
    }
}

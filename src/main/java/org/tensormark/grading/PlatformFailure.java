package org.tensormark.grading;

/** The platform, not the student, failed to grade a job (sandbox could not start, disk full, worker bug). */
public class PlatformFailure extends Exception {

    public PlatformFailure(String reason) {
        super(reason);
    }

    public PlatformFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package org.tensormark.grading;

/**
 * Runs one claimed job to its recorded result. Throwing {@link PlatformFailure} (or anything
 * unexpected) means the platform failed: the job is retried and the student is not charged.
 */
public interface JobRunner {

    void run(JobClaims.Claim claim, String workerId) throws PlatformFailure;
}

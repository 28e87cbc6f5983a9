package org.tensormark.project;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tensormark.identity.CourseAccess;
import org.tensormark.submission.Receipt;
import org.tensormark.submission.SubmissionIntake;
import org.tensormark.submission.Upload;

/**
 * Hands in finished resumable uploads, with any files sent in the same request, through the normal
 * intake: the same checks, quota and one transaction; the uploads are deleted once the receipt exists.
 */
@ApplicationScoped
public class UploadedHandins {

    private final PartialUploads uploads;
    private final SubmissionIntake intake;

    UploadedHandins(PartialUploads uploads, SubmissionIntake intake) {
        this.uploads = uploads;
        this.intake = intake;
    }

    public Receipt handIn(CourseAccess access, String assignmentId, List<UUID> uploadIds, List<Upload> sentNow,
            String idempotencyKey) {
        List<Upload> files = new ArrayList<>(uploads.finished(access.userId(), assignmentId, uploadIds));
        files.addAll(sentNow);
        Receipt receipt = intake.handIn(access, assignmentId, files, idempotencyKey);
        uploads.forget(uploadIds);
        return receipt;
    }
}

package org.tensormark.submission;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tensormark.audit.AuditTrail;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * Hand-ins over HTTP. Upload: {@code multipart/form-data} with one part per file slot
 * ({@code code}, {@code report}, {@code extra}) and an optional {@code Idempotency-Key} header.
 */
@Path("/api")
@Authenticated
public class SubmissionResource {

    private final SubmissionIntake intake;
    private final Submissions submissions;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;
    private final AuditTrail audit;

    SubmissionResource(SubmissionIntake intake, Submissions submissions, CourseAccess access, AssignmentCatalog catalog,
            AuditTrail audit) {
        this.audit = audit;
        this.intake = intake;
        this.submissions = submissions;
        this.access = access;
        this.catalog = catalog;
    }

    @POST
    @Path("/assignments/{assignmentId}/submissions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response handIn(@PathParam("assignmentId") String assignmentId,
            @RestForm(FileUpload.ALL) List<FileUpload> files, @RestHeader("Idempotency-Key") String idempotencyKey) {
        List<Upload> uploads = files.stream().map(f -> new Upload(f.name(), f.fileName(), f.uploadedFile())).toList();
        if (uploads.isEmpty()) {
            throw Problem.invalid("No files arrived: send multipart/form-data with a 'code' and a 'report' part.");
        }
        Receipt receipt = intake.handIn(access, assignmentId, uploads, idempotencyKey);
        return Response.status(receipt.replayed() ? 200 : 201).entity(receipt).build();
    }

    @GET
    @Path("/submissions")
    public List<Submissions.Summary> mine(@QueryParam("assignment") String assignmentId) {
        return submissions.mine(access.userId(), assignmentId);
    }

    @GET
    @Path("/submissions/{id}")
    public Receipt receipt(@PathParam("id") UUID id) {
        return submissions.receipt(access, id);
    }

    @POST
    @Path("/submissions/{id}/choose")
    public Response choose(@PathParam("id") UUID id) {
        String assignmentId = submissions.visible(access, id).assignmentId;
        submissions.choose(access, id, catalog.current(assignmentId).orElseThrow(), audit);
        return Response.noContent().build();
    }

    /** Everything that happened to a hand-in (intake, scores, regrades, grades, overrides), for staff. */
    @GET
    @Path("/submissions/{id}/audit")
    public List<AuditTrail.Entry> audit(@PathParam("id") UUID id) {
        Submission s = submissions.visible(access, id);
        access.requireStaff(submissions.courseOf(s.assignmentId));
        return audit.of("submission", id.toString());
    }

    @GET
    @Path("/assignments/{assignmentId}/submissions")
    public List<Submissions.Summary> ofAssignment(@PathParam("assignmentId") String assignmentId) {
        String courseId = catalog.existing(assignmentId).courseId();
        access.requireStaff(courseId);
        return submissions.ofAssignment(assignmentId, access.visibleStudents(courseId));
    }
}

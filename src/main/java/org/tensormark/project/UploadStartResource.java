package org.tensormark.project;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;
import org.tensormark.submission.Receipt;
import org.tensormark.submission.Upload;

/**
 * Resumable uploads over HTTP, in the manner of tus: {@code POST} declares the file and answers
 * its id; {@code PATCH} sends a chunk with {@code Upload-Offset} (where it starts, which must be
 * where the upload stands) and answers the new offset; {@code HEAD} answers {@code Upload-Offset}
 * and {@code Upload-Length} after a dropped connection; a hand-in names finished uploads in
 * {@code upload} form fields beside any files sent as usual. Chunks must each fit the request
 * limit (200 MB).
 */
@Path("/api/assignments/{assignmentId}/uploads")
@Authenticated
public class UploadStartResource {

    private final PartialUploads uploads;
    private final UploadedHandins handins;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;

    UploadStartResource(PartialUploads uploads, UploadedHandins handins, CourseAccess access, AssignmentCatalog catalog) {
        this.uploads = uploads;
        this.handins = handins;
        this.access = access;
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("assignmentId") String assignmentId, UploadResource.NewUpload body) {
        if (body == null) {
            throw Problem.invalid("Send {\"role\", \"filename\", \"size\", \"sha256\"} to open an upload.");
        }
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        UploadProgress p = uploads.start(access.userId(), a,
                new PartialUploads.Declared(body.role(), body.filename(), body.size(), body.sha256()));
        return Response.created(java.net.URI.create("/api/uploads/" + p.id())).entity(p).header(UploadResource.OFFSET, p.offset())
                .header(UploadResource.LENGTH, p.size()).build();
    }

}

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
@Path("/api/assignments/{assignmentId}/submissions/from-uploads")
@Authenticated
public class UploadHandinResource {

    private final PartialUploads uploads;
    private final UploadedHandins handins;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;

    UploadHandinResource(PartialUploads uploads, UploadedHandins handins, CourseAccess access, AssignmentCatalog catalog) {
        this.uploads = uploads;
        this.handins = handins;
        this.access = access;
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response handIn(@PathParam("assignmentId") String assignmentId, @RestForm("upload") List<String> uploadIds,
            @RestForm(FileUpload.ALL) List<FileUpload> files, @RestHeader("Idempotency-Key") String idempotencyKey) {
        List<UUID> ids = (uploadIds == null ? List.<String>of() : uploadIds).stream().map(UploadResource::uuid).toList();
        List<Upload> sent = files.stream().map(f -> new Upload(f.name(), f.fileName(), f.uploadedFile())).toList();
        if (ids.isEmpty() && sent.isEmpty()) {
            throw Problem.invalid("Name finished uploads in 'upload' fields or send files, one part per slot.");
        }
        Receipt receipt = handins.handIn(access, assignmentId, ids, sent, idempotencyKey);
        return Response.status(receipt.replayed() ? 200 : 201).entity(receipt).build();
    }

}

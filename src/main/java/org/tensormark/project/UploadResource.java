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
@Path("/api/uploads/{uploadId}")
@Authenticated
public class UploadResource {

    static final String OFFSET = "Upload-Offset";
    static final String LENGTH = "Upload-Length";

    private final PartialUploads uploads;
    private final UploadedHandins handins;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;

    UploadResource(PartialUploads uploads, UploadedHandins handins, CourseAccess access, AssignmentCatalog catalog) {
        this.uploads = uploads;
        this.handins = handins;
        this.access = access;
        this.catalog = catalog;
    }

    /** What a client declares to open an upload. */
    public record NewUpload(String role, String filename, long size, String sha256) {
    }

    @HEAD
    public Response offset(@PathParam("uploadId") UUID uploadId) {
        UploadProgress p = uploads.progress(access.userId(), uploadId);
        return Response.ok().header(OFFSET, p.offset()).header(LENGTH, p.size()).header("Cache-Control", "no-store")
                .build();
    }

    @PATCH
    @Consumes(MediaType.WILDCARD)
    public Response chunk(@PathParam("uploadId") UUID uploadId, @RestHeader("Upload-Offset") Long offset,
            @RestHeader("Content-Length") Long length, InputStream body) {
        if (offset == null || offset < 0) {
            throw Problem.invalid("Say where the chunk starts in the Upload-Offset header (HEAD the upload to learn it).");
        }
        UploadProgress p = uploads.append(access.userId(), uploadId, offset, length == null ? -1 : length, body);
        return Response.noContent().header(OFFSET, p.offset()).header(LENGTH, p.size()).build();
    }

    @DELETE
    public Response cancel(@PathParam("uploadId") UUID uploadId) {
        uploads.cancel(access.userId(), uploadId);
        return Response.noContent().build();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("'" + id + "' is not an upload id.");
        }
    }
}

package org.tensormark.submission;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.tensormark.identity.CourseAccess;

/**
 * A hand-in's stored files for the people who may see the hand-in: the list, each file's bytes
 * (a PDF inline, code as plain text, archives and videos as downloads) and single text entries of
 * a zip. Nothing a student uploaded is ever served as something a browser would run.
 */
@Path("/api/submissions/{id}/files")
@Authenticated
public class HandinFileResource {

    private final Submissions submissions;
    private final HandinFiles files;
    private final CourseAccess access;

    HandinFileResource(Submissions submissions, HandinFiles files, CourseAccess access) {
        this.submissions = submissions;
        this.files = files;
        this.access = access;
    }

    @GET
    public List<HandinFiles.StoredFile> list(@PathParam("id") UUID id) {
        return files.list(submissions.visible(access, id).id);
    }

    @GET
    @Path("/{role}")
    public Response file(@PathParam("id") UUID id, @PathParam("role") String role) {
        HandinFiles.Opened f = files.open(submissions.visible(access, id).id, role);
        boolean inline = !"zip".equals(f.kind()) && !"video".equals(f.kind());
        return untrusted(Response.ok(f.path().toFile(), mediaType(f)), "pdf".equals(f.kind()))
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\""
                        + f.file().filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .build();
    }

    @GET
    @Path("/{role}/entry")
    public Response entry(@PathParam("id") UUID id, @PathParam("role") String role, @QueryParam("path") String path) {
        HandinFiles.Opened archive = files.open(submissions.visible(access, id).id, role);
        return untrusted(Response.ok(files.entry(archive, path), "text/plain; charset=utf-8"), false).build();
    }

    private static String mediaType(HandinFiles.Opened f) {
        String name = f.file().filename.toLowerCase(Locale.ROOT);
        return switch (f.kind()) {
            case "pdf" -> "application/pdf";
            case "notebook" -> "application/json";
            case "zip" -> "application/zip";
            case "video" -> name.endsWith(".webm") ? "video/webm" : name.endsWith(".mov") ? "video/quicktime" : "video/mp4";
            default -> "text/plain; charset=utf-8";
        };
    }

    // The browser's PDF viewer does not run under a sandbox policy; every other file does.
    private static Response.ResponseBuilder untrusted(Response.ResponseBuilder r, boolean pdf) {
        r.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, no-store");
        return pdf ? r : r.header("Content-Security-Policy", "sandbox; default-src 'none'");
    }
}

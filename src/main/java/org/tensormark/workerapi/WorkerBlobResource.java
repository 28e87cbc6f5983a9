package org.tensormark.workerapi;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tensormark.grading.WorkerCredential;
import org.tensormark.problem.Problem;
import org.tensormark.submission.BlobStore;

/**
 * The server's side of workers that share no file system with it: a worker reads a hand-in's
 * stored files here and hands in the files its runs produced. Open only to callers presenting the
 * worker credential ({@link WorkerCredential#HEADER}); a user's token or session opens nothing,
 * and a server without a configured credential has no such endpoint (404).
 */
@Path("/internal/worker/blobs/{sha256}")
@PermitAll
public class WorkerBlobResource {

    private final BlobStore blobs;
    private final WorkerCredential credential;

    WorkerBlobResource(BlobStore blobs, WorkerCredential credential) {
        this.blobs = blobs;
        this.credential = credential;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public File read(@PathParam("sha256") String sha256, @HeaderParam(WorkerCredential.HEADER) String presented) {
        admit(presented);
        if (!blobs.exists(valid(sha256))) {
            throw new Problem.NotFound("no stored file has the sha256 " + sha256);
        }
        return blobs.pathOf(sha256).toFile();
    }

    /** Stores a run's file; refused (422) unless its bytes have the sha256 the path names. */
    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(hidden = true)
    public Response keep(@PathParam("sha256") String sha256, @HeaderParam(WorkerCredential.HEADER) String presented,
            InputStream body) throws IOException {
        admit(presented);
        String got = blobs.put(body).sha256();
        if (!got.equals(valid(sha256))) {
            // the stray file has no blob row, so the blob janitor removes it
            throw new Problem.Refused("the bytes sent have the sha256 " + got + ", not " + sha256);
        }
        return Response.noContent().build();
    }

    private void admit(String presented) {
        if (!credential.configured()) {
            throw new Problem.NotFound("this server has no worker endpoint (tensormark.worker.credential is not set)");
        }
        if (!credential.accepts(presented)) {
            throw new Problem.NotAllowed("the worker endpoint needs the worker credential in " + WorkerCredential.HEADER);
        }
    }

    private static String valid(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new Problem.Invalid("not a sha256: " + sha256);
        }
        return sha256;
    }
}

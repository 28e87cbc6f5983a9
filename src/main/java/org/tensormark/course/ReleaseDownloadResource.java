package org.tensormark.course;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensormark.identity.CourseAccess;
import org.tensormark.notebook.NotebookSet;
import org.tensormark.notebook.ReleaseArchive;
import org.tensormark.problem.Problem;

/**
 * A notebook assignment's release as one zip (see {@link ReleaseArchive}): the student notebooks
 * and the data files and helper modules of its {@code notebook} check. Members of the course may
 * download it from the release date; staff before it too.
 */
@jakarta.ws.rs.Path("/api/assignments/{assignmentId}/release.zip")
@Authenticated
public class ReleaseDownloadResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final CourseConfig config;
    private final StoredNotebooks stored;

    ReleaseDownloadResource(AssignmentCatalog catalog, CourseAccess access, CourseConfig config, StoredNotebooks stored) {
        this.stored = stored;
        this.catalog = catalog;
        this.access = access;
        this.config = config;
    }

    @GET
    @Produces("application/zip")
    public Response download(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        if (!access.isStaff(a.courseId()) && Instant.now().isBefore(a.releaseAt())) {
            throw new Problem.NotAllowed("the notebooks of " + a.id() + " are released at " + a.releaseAt());
        }
        CheckSpec check = a.checks().stream().filter(c -> c.kind().equals("notebook")).findFirst()
                .orElseThrow(() -> new Problem.NotFound(a.id() + " has no notebooks to download"));
        Path folder = Path.of(config.dir()).resolve(a.id());
        Optional<Map<String, byte[]>> kept = stored.of(a.id(), a.version(), check.id());
        if (kept.isEmpty() && !Files.isDirectory(folder)) {
            throw new Problem.NotFound("the files of " + a.id() + " are not on this server");
        }
        List<String> files = new ArrayList<>(strings(check.params().get("data")));
        files.addAll(strings(check.params().get("release_files")));
        String source = String.valueOf(check.params().getOrDefault("source", "source"));
        List<String> parts = strings(check.params().get("parts"));
        // The notebooks of the current version as synced; the folder's for a version that kept none.
        byte[] zip = kept.map(notebooks -> ReleaseArchive.zip(NotebookSet.of(folder.resolve(source), notebooks, parts), folder, files))
                .orElseGet(() -> ReleaseArchive.zip(folder, source, parts, files));
        return Response.ok(zip).header("Content-Disposition", "attachment; filename=\"" + a.id() + "-release.zip\"").build();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}

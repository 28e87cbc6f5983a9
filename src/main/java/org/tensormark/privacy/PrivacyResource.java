package org.tensormark.privacy;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseRole;
import org.tensormark.identity.CurrentUser;
import org.tensormark.problem.Problem;
import org.tensormark.submission.StorageConfig;

/**
 * Personal-data requests over HTTP. An admin exports everything held about a student; an
 * instructor exports what the courses they teach hold about one of their students. Only an admin
 * anonymises, and only an admin can force it while a course of the student's is open.
 */
@Path("/api/privacy/students/{username}")
@Authenticated
public class PrivacyResource {

    private final DataSource data;
    private final java.nio.file.Path blobs;
    private final CurrentUser me;
    private final Accounts accounts;

    PrivacyResource(DataSource data, StorageConfig storage, CurrentUser me, Accounts accounts) {
        this.data = data;
        this.blobs = java.nio.file.Path.of(storage.blobs());
        this.me = me;
        this.accounts = accounts;
    }

    /** What an anonymisation did, without any name. */
    public record Anonymised(String username, int filesRemoved, List<String> openCourses) {
    }

    @GET
    @Path("/export")
    @Produces("application/zip")
    public Response export(@PathParam("username") String username) throws SQLException {
        Student student;
        try (Connection c = data.getConnection()) {
            student = find(c, username);
        }
        List<String> courses = me.admin() ? student.courses() : taught(student);
        boolean whole = me.admin();
        StreamingOutput zip = out -> {
            try (Connection c = data.getConnection()) {
                new StudentExport(c, blobs).write(student, courses, whole, out);
            } catch (SQLException e) {
                throw new java.io.IOException("the export failed: " + e.getMessage(), e);
            }
        };
        return Response.ok(zip, "application/zip").header("Content-Disposition",
                "attachment; filename=\"personal-data-" + StudentExport.safeName(student.username()) + ".zip\"")
                .header("Cache-Control", "private, no-store").build();
    }

    @POST
    @Path("/anonymise")
    @RolesAllowed("admin")
    public Anonymised anonymise(@PathParam("username") String username, @QueryParam("force") boolean force)
            throws SQLException {
        try (Connection c = data.getConnection()) {
            Student student = find(c, username);
            Anonymisation.Outcome o = new Anonymisation(c, blobs).run(student, force, me.id(), Instant.now());
            return new Anonymised(o.pseudonym(), o.filesRemoved(), o.openCourses());
        } catch (PrivacyRefusal e) {
            throw Problem.conflict(e.getMessage());
        }
    }

    private static Student find(Connection c, String username) throws SQLException {
        try {
            return Student.byUsername(c, username);
        } catch (PrivacyRefusal e) {
            throw Problem.notFound("There is no account '" + username + "'.");
        }
    }

    /** The student's courses the caller instructs; refused when there are none. */
    private List<String> taught(Student student) {
        List<String> taught = accounts.memberships(me.id()).stream()
                .filter(m -> m.role() == CourseRole.INSTRUCTOR && student.courses().contains(m.courseId()))
                .map(Accounts.Membership::courseId).toList();
        if (!taught.isEmpty()) {
            return taught;
        }
        boolean instructs = accounts.memberships(me.id()).stream().anyMatch(m -> m.role() == CourseRole.INSTRUCTOR);
        throw instructs ? Problem.notFound("There is no student '" + student.username() + "' in a course you teach.")
                : Problem.notAllowed("Only admins and instructors export personal data.");
    }
}

package org.tensormark.course;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.tensormark.identity.Accounts;
import org.tensormark.identity.CourseAccess;
import org.tensormark.identity.UserAccount;
import org.tensormark.problem.Problem;

/** Staff grant a student or a group a new due instant; the grant is audited. */
@Path("/api/assignments/{assignmentId}/extensions")
@Authenticated
public class ExtensionResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final Accounts accounts;
    private final Deadlines deadlines;

    ExtensionResource(AssignmentCatalog catalog, CourseAccess access, Accounts accounts, Deadlines deadlines) {
        this.catalog = catalog;
        this.access = access;
        this.accounts = accounts;
        this.deadlines = deadlines;
    }

    /**
     * An extension request: for a student ({@code username}) or a group ({@code teamId}); the due
     * time as an instant ({@code 2026-03-20T15:59:00Z}) or a local time in the course's zone.
     */
    public record ExtensionRequest(String username, Long teamId, String dueAt, String reason) {
    }

    /** What was granted. */
    public record Granted(String assignmentId, String username, Long teamId, Instant dueAt, String reason) {
    }

    @POST
    public Response grant(@PathParam("assignmentId") String assignmentId, ExtensionRequest body) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireStaff(a.courseId());
        if (body == null || (body.username() == null) == (body.teamId() == null)) {
            throw Problem.invalid("Name either a student (username) or a group (teamId).");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw Problem.invalid("An extension needs a reason; it is kept in the audit log.");
        }
        Long userId = null;
        if (body.username() != null) {
            UserAccount user = accounts.byUsername(body.username())
                    .filter(u -> accounts.roleIn(u.id, a.courseId()).isPresent())
                    .orElseThrow(() -> Problem.notFound("No student '" + body.username() + "' in this course."));
            userId = user.id;
        }
        Instant due = parseDue(body.dueAt(), a);
        deadlines.grant(a.id(), userId, body.teamId(), due, body.reason().strip(), access.userId());
        return Response.status(201).entity(new Granted(a.id(), body.username(), body.teamId(), due, body.reason().strip()))
                .build();
    }

    private static Instant parseDue(String text, AssignmentView a) {
        if (text == null) {
            throw Problem.invalid("dueAt is missing.");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(a.zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw Problem.invalid("dueAt '" + text + "' is not a date-time; use 2026-03-20T23:59 (course"
                        + " time, " + a.zone().getId() + ") or an instant like 2026-03-20T15:59:00Z.");
            }
        }
    }
}

package org.tensormark.course;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/** A student's group for a group assignment: create, join by invite code, see, leave. */
@Path("/api/assignments/{assignmentId}/group")
@Authenticated
public class GroupResource {

    private final Teams teams;
    private final AssignmentCatalog catalog;
    private final CourseAccess access;

    GroupResource(Teams teams, AssignmentCatalog catalog, CourseAccess access) {
        this.teams = teams;
        this.catalog = catalog;
        this.access = access;
    }

    /** Body of a create request. */
    public record CreateGroup(String name) {
    }

    /** Body of a join request. */
    public record JoinGroup(String inviteCode) {
    }

    @GET
    public Teams.TeamView mine(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = assignment(assignmentId);
        return teams.teamOf(a.id(), access.userId()).flatMap(teams::view)
                .orElseThrow(() -> Problem.notFound("You are not in a group for " + a.id() + " yet."));
    }

    @POST
    public Response create(@PathParam("assignmentId") String assignmentId, CreateGroup body) {
        AssignmentView a = assignment(assignmentId);
        return Response.status(201).entity(teams.create(a, access.userId(), body == null ? null : body.name())).build();
    }

    @POST
    @Path("/join")
    public Teams.TeamView join(@PathParam("assignmentId") String assignmentId, JoinGroup body) {
        AssignmentView a = assignment(assignmentId);
        return teams.join(a, access.userId(), body == null ? null : body.inviteCode());
    }

    @POST
    @Path("/leave")
    public Response leave(@PathParam("assignmentId") String assignmentId) {
        teams.leave(assignment(assignmentId), access.userId());
        return Response.noContent().build();
    }

    private AssignmentView assignment(String id) {
        AssignmentView a = catalog.existing(id);
        access.requireMember(a.courseId());
        return a;
    }
}

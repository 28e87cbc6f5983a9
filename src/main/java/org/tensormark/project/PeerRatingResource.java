package org.tensormark.project;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import org.tensormark.course.AssignmentCatalog;
import org.tensormark.course.AssignmentView;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * Peer assessment over HTTP (see {@link PeerRatings}): members rate, staff read, instructors scale.
 * The class sits at {@code /api} like the hand-in endpoints: a class path of
 * {@code /api/assignments/{assignmentId}} would take every request below it away from them (404).
 */
@Path("/api")
@Authenticated
public class PeerRatingResource {

    private final PeerRatings ratings;
    private final CourseAccess access;
    private final AssignmentCatalog catalog;

    PeerRatingResource(PeerRatings ratings, CourseAccess access, AssignmentCatalog catalog) {
        this.ratings = ratings;
        this.access = access;
        this.catalog = catalog;
    }

    /** Every member's rating of every member of the caller's group. */
    public record RatingsBody(List<PeerRatings.Rating> ratings) {
    }

    /** A scale factor for one student's mark and why. */
    public record ScaleBody(BigDecimal factor, String reason) {
    }

    @PUT
    @Path("/assignments/{assignmentId}/peer-ratings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rate(@PathParam("assignmentId") String assignmentId, RatingsBody body) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireMember(a.courseId());
        if (body == null || body.ratings() == null) {
            throw Problem.invalid("Send {\"ratings\": [{\"username\", \"score\", \"comment\"}, …]}.");
        }
        ratings.rate(access.userId(), a, body.ratings());
        return Response.noContent().build();
    }

    @GET
    @Path("/assignments/{assignmentId}/peer-ratings")
    public List<PeerRatings.GroupRatings> overview(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireStaff(a.courseId());
        return ratings.overview(a);
    }

    @PUT
    @Path("/assignments/{assignmentId}/mark-scales/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response scale(@PathParam("assignmentId") String assignmentId, @PathParam("username") String username,
            ScaleBody body) {
        AssignmentView a = catalog.existing(assignmentId);
        access.requireInstructor(a.courseId());
        if (body == null) {
            throw Problem.invalid("Send {\"factor\": 0.8, \"reason\": \"…\"}.");
        }
        ratings.scale(access.userId(), a, username, body.factor(), body.reason());
        return Response.noContent().build();
    }
}

package org.tensormark.course;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.tensormark.identity.CourseAccess;
import org.tensormark.problem.Problem;

/**
 * A student's late-day tokens on an assignment: how many are left in the course and spent here,
 * and spending more (each cancels one late unit of penalty; the window itself does not move).
 * Spending is confirmed by the request itself; the student's (and group's) hand-ins are rescored.
 */
@Path("/api/assignments/{assignmentId}/late-tokens")
@Authenticated
public class LateTokenResource {

    private final AssignmentCatalog catalog;
    private final CourseAccess access;
    private final LateTokens tokens;

    LateTokenResource(AssignmentCatalog catalog, CourseAccess access, LateTokens tokens) {
        this.catalog = catalog;
        this.access = access;
        this.tokens = tokens;
    }

    /** Tokens left in the course and spent on this assignment. */
    public record TokenBalance(String courseId, int left, int spentHere, boolean allowedHere) {
    }

    /** A request to spend tokens. */
    public record Spend(Integer units) {
    }

    @GET
    public TokenBalance balance(@PathParam("assignmentId") String assignmentId) {
        AssignmentView a = assignment(assignmentId);
        return new TokenBalance(a.courseId(), tokens.balance(a.courseId(), access.userId()),
                tokens.spentOn(a.id(), access.userId()), a.lateRule().tokensAllowed());
    }

    @POST
    public TokenBalance spend(@PathParam("assignmentId") String assignmentId, Spend body) {
        AssignmentView a = assignment(assignmentId);
        if (body == null || body.units() == null || body.units() < 1) {
            throw Problem.invalid("Say how many late-day tokens to spend, e.g. {\"units\": 1}.");
        }
        try {
            tokens.spend(a.id(), access.userId(), body.units(), access.userId());
        } catch (IllegalStateException e) {
            throw Problem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(e.getMessage());
        }
        return balance(assignmentId);
    }

    private AssignmentView assignment(String id) {
        AssignmentView a = catalog.existing(id);
        access.requireMember(a.courseId());
        return a;
    }
}

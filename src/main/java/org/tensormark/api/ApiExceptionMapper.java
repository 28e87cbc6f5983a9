package org.tensormark.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tensormark.problem.Problem;

/**
 * The one place where exceptions become HTTP answers: a status and a sentence, never a stack trace.
 * Domain code throws {@link Problem}s in its own words; which HTTP status each kind means is
 * decided here and nowhere else.
 */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    private static final Map<Class<? extends Problem>, Integer> STATUS = Map.ofEntries(
            Map.entry(Problem.Invalid.class, 400),
            Map.entry(Problem.Unauthenticated.class, 401),
            Map.entry(Problem.NotAllowed.class, 403),
            Map.entry(Problem.NotFound.class, 404),
            Map.entry(Problem.Conflict.class, 409),
            Map.entry(Problem.Gone.class, 410),
            Map.entry(Problem.TooLarge.class, 413),
            Map.entry(Problem.Refused.class, 422),
            Map.entry(Problem.TooMany.class, 429));

    @ServerExceptionMapper
    public Response problem(Problem e) {
        return body(status(e), e.getMessage());
    }

    /** The HTTP status that means this kind of problem. */
    static int status(Problem e) {
        Integer status = STATUS.get(e.getClass());
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + e.getClass().getSimpleName());
        }
        return status;
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return body(401, "Log in first: send your session cookie or an 'Authorization: Bearer <token>' header.");
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e) {
        String why = e.getMessage() == null || e.getMessage().isBlank()
                ? "The token or session is not valid (wrong, expired or revoked)." : e.getMessage();
        return body(401, why);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, "You do not have access to this.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return body(404, "There is nothing at this address.");
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return body(status, status == 413 ? "The request is larger than the server accepts." : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error while serving a request", e);
        return body(500, "Something went wrong on our side; nothing you sent was recorded. Please try again.");
    }

    static Response body(int status, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase());
        json.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json).build();
    }
}

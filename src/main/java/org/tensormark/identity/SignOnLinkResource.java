package org.tensormark.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.tensormark.problem.Problem;

/**
 * Admins link a single-sign-on identity (issuer + subject) to an existing local account, list and
 * remove such links. This is the one way, besides an allowed verified email, for single sign-on to
 * reach an account that already exists.
 */
@Path("/api/admin/sign-on-links")
@RolesAllowed("admin")
public class SignOnLinkResource {

    private final SignOnLinks links;
    private final Accounts accounts;
    private final CurrentUser user;

    SignOnLinkResource(SignOnLinks links, Accounts accounts, CurrentUser user) {
        this.links = links;
        this.accounts = accounts;
        this.user = user;
    }

    /** Body of a link request: the account and the identity as the identity provider names it. */
    public record LinkRequest(String username, String issuer, String subject) {
    }

    @GET
    public List<SignOnLinks.LinkView> list(@QueryParam("username") String username) {
        return links.list(username);
    }

    @POST
    public Response link(LinkRequest body) {
        if (body == null || body.username() == null) {
            throw Problem.invalid("Give username, issuer and subject, e.g. {\"username\":\"alice\","
                    + " \"issuer\":\"https://sso.example.edu/realms/uni\", \"subject\":\"f81d4fae\"}.");
        }
        UserAccount account = accounts.byUsername(body.username().strip())
                .orElseThrow(() -> Problem.notFound("There is no account '" + body.username().strip() + "'."));
        return Response.status(201)
                .entity(links.link(body.issuer(), body.subject(), account, SignOnLink.ADMIN, user.id())).build();
    }

    @DELETE
    @Path("/{id}")
    public Response unlink(@PathParam("id") long id) {
        links.unlink(id, user.id());
        return Response.noContent().build();
    }
}

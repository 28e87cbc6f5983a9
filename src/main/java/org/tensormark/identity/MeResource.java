package org.tensormark.identity;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's own account, courses and API tokens. */
@Path("/api/me")
@Authenticated
public class MeResource {

    private final CurrentUser user;
    private final Accounts accounts;
    private final Credentials credentials;

    MeResource(CurrentUser user, Accounts accounts, Credentials credentials) {
        this.user = user;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    /** Who the caller is and where they belong. */
    public record Me(long id, String username, String displayName, boolean admin, List<Accounts.Membership> courses) {
        static Me of(UserAccount user, List<Accounts.Membership> courses) {
            return new Me(user.id, user.username, user.displayName, user.admin, courses);
        }
    }

    /** Body of a token request. */
    public record TokenRequest(String name) {
    }

    @GET
    public Me me() {
        UserAccount account = accounts.byId(user.id()).orElseThrow();
        return Me.of(account, accounts.memberships(account.id));
    }

    @GET
    @Path("/tokens")
    public List<Credentials.TokenSummary> tokens() {
        return credentials.tokens(user.id());
    }

    @POST
    @Path("/tokens")
    public Response issue(TokenRequest body) {
        return Response.status(201).entity(credentials.issueToken(user.id(), body == null ? null : body.name())).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    public Response revoke(@PathParam("id") long id) {
        credentials.revokeToken(user.id(), id);
        return Response.noContent().build();
    }
}

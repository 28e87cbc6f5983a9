package org.tensormark.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Form login for the browser: a JSON or form POST of username and password opens a session and
 * sets it as an HttpOnly, SameSite=Strict cookie. The CLI uses personal API tokens instead.
 */
@Path("/api/auth")
@PermitAll
public class AuthResource {

    private final Accounts accounts;
    private final Credentials credentials;

    AuthResource(Accounts accounts, Credentials credentials) {
        this.accounts = accounts;
        this.credentials = credentials;
    }

    /** Login body. */
    public record LoginRequest(String username, String password) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest body) {
        return open(body == null ? null : body.username(), body == null ? null : body.password());
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response loginForm(@RestForm String username, @RestForm String password) {
        return open(username, password);
    }

    private Response open(String username, String password) {
        UserAccount user = accounts.verify(username, password);
        String secret = credentials.openSession(user.id);
        return Response.ok(MeResource.Me.of(user, accounts.memberships(user.id)))
                .cookie(sessionCookie(secret, (int) Credentials.SESSION_LIFETIME.toSeconds())).build();
    }

    @POST
    @Path("/logout")
    public Response logout(@RestCookie(SecretAuthenticationMechanism.SESSION_COOKIE) String session) {
        if (session != null) {
            credentials.closeSession(session);
        }
        return Response.noContent().cookie(sessionCookie("", 0)).build();
    }

    private static NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(SecretAuthenticationMechanism.SESSION_COOKIE)
                .value(value).path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}

package org.tensormark.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Form login for the browser: a JSON or form POST of username and password opens a session and
 * sets it as an HttpOnly, SameSite=Strict cookie ({@code Secure} over HTTPS). Too many failures
 * lock the username or the client address for a while: 429 with {@code Retry-After}. The client
 * address is the connection's, or a forwarded one only from a proxy trusted in
 * {@code quarkus.http.proxy.*}. The CLI uses personal API tokens instead.
 */
@Path("/api/auth")
@PermitAll
@SecurityRequirements
public class AuthResource {

    private final Accounts accounts;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final SessionCookies cookies;

    AuthResource(Accounts accounts, Credentials credentials, LoginThrottle throttle, SessionCookies cookies) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.throttle = throttle;
        this.cookies = cookies;
    }

    /** Login body. */
    public record LoginRequest(String username, String password) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response login(LoginRequest body, @Context HttpServerRequest request) {
        return open(body == null ? null : body.username(), body == null ? null : body.password(), request);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response loginForm(@RestForm String username, @RestForm String password, @Context HttpServerRequest request) {
        return open(username, password, request);
    }

    private Response open(String username, String password, HttpServerRequest request) {
        String address = addressOf(request);
        Optional<LoginLocked> locked = throttle.lockFor(username, address);
        if (locked.isPresent()) {
            return tooMany(locked.get(), "");
        }
        UserAccount user;
        try {
            user = accounts.verify(username, password);
        } catch (AuthenticationFailedException e) {
            Optional<LoginLocked> lockedNow = throttle.failed(username, address);
            if (lockedNow.isPresent()) {
                return tooMany(lockedNow.get(), e.getMessage() + " ");
            }
            throw e;
        }
        throttle.succeeded(username);
        String secret = credentials.openSession(user.id);
        return Response.ok(MeResource.Me.of(user, accounts.memberships(user.id)))
                .cookie(cookies.open(secret, SessionCookies.secure(request))).build();
    }

    @POST
    @Path("/logout")
    @APIResponse(responseCode = "204", description = "Signed out: the session ends and its cookie is cleared")
    public Response logout(@RestCookie(SecretAuthenticationMechanism.SESSION_COOKIE) String session,
            @Context HttpServerRequest request) {
        if (session != null) {
            credentials.closeSession(session);
        }
        return Response.noContent().cookie(cookies.cleared(SessionCookies.secure(request))).build();
    }

    private static String addressOf(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static Response tooMany(LoginLocked lock, String before) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 429);
        body.put("error", "Too Many Requests");
        body.put("message", before + lock.sentence());
        body.put("retryAfterSeconds", lock.retryAfterSeconds());
        body.put("lockedUntil", lock.until().toString());
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", lock.retryAfterSeconds()).entity(body).build();
    }
}

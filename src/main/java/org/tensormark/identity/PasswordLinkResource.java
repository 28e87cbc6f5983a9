package org.tensormark.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Where a one-time set-password link leads: a bare form (GET) and the request that sets the
 * password (POST, JSON or form). Open to everyone; the link's secret is the credential.
 */
@Path("/api/auth/set-password")
@PermitAll
@SecurityRequirements
public class PasswordLinkResource {

    private final PasswordLinks links;

    PasswordLinkResource(PasswordLinks links) {
        this.links = links;
    }

    /** Body of a set-password request. */
    public record SetPassword(String token, String password) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String form(@QueryParam("token") String token) {
        String safe = token == null ? "" : token.replaceAll("[^A-Za-z0-9_-]", "");
        return "<!doctype html><meta charset=utf-8><title>TensorMark: set your password</title>"
                + "<form method=post action=\"/api/auth/set-password\"><h1>Set your TensorMark password</h1>"
                + "<input type=hidden name=token value=\"" + safe + "\">"
                + "<label>Password (at least 10 characters) <input type=password name=password minlength=10"
                + " required autocomplete=new-password></label> <button>Set password</button></form>";
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(SetPassword body) {
        links.setPassword(body == null ? null : body.token(), body == null ? null : body.password());
        return Response.noContent().build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String setForm(@RestForm String token, @RestForm String password) {
        links.setPassword(token, password);
        return "Your password is set. Sign in to TensorMark with your username and this password.";
    }
}

package org.tensormark.identity;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public long id() {
        Long id = identity.getAttribute(SecretIdentityProvider.USER_ID);
        if (id == null) {
            throw new UnauthorizedException();
        }
        return id;
    }

    public String username() {
        return identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole("admin");
    }
}

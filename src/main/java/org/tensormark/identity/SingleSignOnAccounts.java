package org.tensormark.identity;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Links a single-sign-on (OIDC) identity to a TensorMark account: the account whose username is
 * the token's {@code preferred_username} (or subject), created without a password on first
 * sign-in. Identities from API tokens and sessions already carry their account and pass unchanged.
 */
@ApplicationScoped
public class SingleSignOnAccounts implements SecurityIdentityAugmentor {

    private final Accounts accounts;

    SingleSignOnAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(SecretIdentityProvider.USER_ID) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> link(identity, jwt));
    }

    SecurityIdentity link(SecurityIdentity identity, JsonWebToken jwt) {
        String username = usernameOf(jwt);
        Object claimedName = jwt.getClaim("name");
        String name = claimedName == null ? username : claimedName.toString();
        UserAccount account = accounts.byUsername(username)
                .orElseGet(() -> accounts.create(username, name, null, false));
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(SecretIdentityProvider.USER_ID, account.id)
                .addRole("user")
                .build();
    }

    static String usernameOf(JsonWebToken jwt) {
        Object preferred = jwt.getClaim("preferred_username");
        String username = preferred != null ? preferred.toString() : jwt.getSubject();
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the sign-on token names no user (no preferred_username or sub)");
        }
        return username.strip().toLowerCase();
    }
}

package org.tensormark.identity;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a token or session secret into the user's identity, looked up in PostgreSQL; the server's
 * own warm-up secret, while it is open, into the warm-up's identity of no account ({@link WarmUpSecret}).
 */
@ApplicationScoped
public class SecretIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String USER_ID = "tensormark.user-id";

    private final Credentials credentials;
    private final WarmUpSecret warmUp;

    SecretIdentityProvider(Credentials credentials, WarmUpSecret warmUp) {
        this.credentials = credentials;
        this.warmUp = warmUp;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String secret = request.getToken().getToken();
        if (warmUp.matches(secret)) {
            // on the worker thread a student's secret is looked up on: the first upload after a start
            // loaded the classes of that hand-over itself (blocking executor, Mutiny's completion stage)
            return context.runBlocking(WarmUpSecret::identity);
        }
        return context.runBlocking(() -> identityOf(credentials.authenticate(secret)));
    }

    static SecurityIdentity identityOf(UserAccount user) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addAttribute(USER_ID, user.id)
                .addRole("user");
        if (user.admin) {
            identity.addRole("admin");
        }
        return identity.build();
    }
}

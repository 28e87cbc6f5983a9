package org.tensormark.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WarmUpSignInTest {

    /**
     * The server's uploads to itself sign in on the worker thread a student's secret is looked up
     * on, so that the first student's upload after a start is not the first to hand a sign-in over
     * to it (its classes were loaded then).
     */
    @Test
    void theWarmUpSecretSignsInOnTheThreadAStudentsSecretIsLookedUpOn() {
        WarmUpSecret secret = new WarmUpSecret();
        String token = secret.open();
        List<String> handedOver = new ArrayList<>();
        AuthenticationRequestContext context = new AuthenticationRequestContext() {
            @Override
            public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
                handedOver.add("blocking");
                return Uni.createFrom().item(function);
            }
        };

        SecurityIdentity identity = new SecretIdentityProvider(null, secret)
                .authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), context)
                .await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("blocking"), handedOver);
        assertEquals(WarmUpSecret.PRINCIPAL, identity.getPrincipal().getName());
        assertEquals(WarmUpSecret.ACCOUNT, (long) identity.getAttribute(SecretIdentityProvider.USER_ID));
    }
}

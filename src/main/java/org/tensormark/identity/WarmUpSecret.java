package org.tensormark.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer secret of the server's uploads to itself as it starts
 * ({@code org.tensormark.submission.UploadWarmUp}): made when they begin, held in this process's
 * memory only, never stored or logged, and forgotten when they end. It signs in as an identity
 * that belongs to no account and holds no role ({@link #ACCOUNT} matches no row), so every request
 * made with it is refused where a course or an account is looked up, after its body has been read.
 */
@ApplicationScoped
public class WarmUpSecret {

    /** The warm-up's name where a principal is shown. */
    public static final String PRINCIPAL = "tensormark-warm-up";

    /** The account id the warm-up's identity carries: no account has it (ids start at 1). */
    static final long ACCOUNT = -1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile byte[] secret;

    /** Makes a new secret, valid until {@link #close}; the bearer token of the warm-up's requests. */
    public String open() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "warm-up-" + HexFormat.of().formatHex(bytes);
        secret = token.getBytes(StandardCharsets.UTF_8);
        return token;
    }

    /** Forgets the secret: no token signs in as the warm-up from now on. */
    public void close() {
        secret = null;
    }

    /** Whether {@code presented} is the open secret (compared in constant time). */
    boolean matches(String presented) {
        byte[] open = secret;
        return open != null && presented != null
                && MessageDigest.isEqual(open, presented.getBytes(StandardCharsets.UTF_8));
    }

    static SecurityIdentity identity() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PRINCIPAL))
                .addAttribute(SecretIdentityProvider.USER_ID, ACCOUNT).build();
    }
}

package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How single-sign-on identities find their TensorMark account. */
@ConfigMapping(prefix = "tensormark.sso")
public interface SsoConfig {

    /**
     * Lets a first sign-on whose token says {@code email_verified: true} link to the one local
     * account with that email. Off by default: turn it on only when the university's identity
     * provider verifies every email it vouches for. Otherwise an admin links existing accounts.
     */
    @WithDefault("false")
    boolean linkVerifiedEmail();

    /**
     * The token claim (e.g. {@code preferred_username}, or the university's student-number claim)
     * whose value, on a first sign-on, finds the roster account with that username or student id.
     * Only an account a roster made and nobody has used yet is linked: enrolled, without a password
     * and without any sign-on link. Unset (the default): no claim reaches an existing account.
     */
    Optional<String> rosterClaim();
}

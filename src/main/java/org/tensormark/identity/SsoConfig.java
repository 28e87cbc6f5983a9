package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}

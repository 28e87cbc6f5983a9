package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser session cookie. */
@ConfigMapping(prefix = "tensormark.session")
public interface SessionConfig {

    /**
     * Marks the session cookie {@code Secure} on every answer. Without it the cookie is {@code Secure}
     * when the request came over HTTPS, directly or through a proxy trusted in
     * {@code quarkus.http.proxy.*}; set it when a TLS proxy in front is not configured as trusted.
     */
    @WithDefault("false")
    boolean secureCookie();
}

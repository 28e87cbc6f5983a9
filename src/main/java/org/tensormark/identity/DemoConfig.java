package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo accounts of a local installation. */
@ConfigMapping(prefix = "tensormark.demo")
public interface DemoConfig {

    /**
     * Creates the demo accounts and enrolments at start-up and prints them. Off by default; the
     * {@code serve} command turns it on when it starts the embedded database.
     */
    @WithDefault("false")
    boolean enabled();
}

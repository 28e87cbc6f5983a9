package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo accounts of a local installation. */
@ConfigMapping(prefix = "tensormark.demo")
public interface DemoConfig {

    /**
     * Creates the demo accounts and enrolments at start-up and prints them. Off by default: their
     * passwords are public, so they are opt-in ({@code tensormark serve --demo}) and refused when the
     * server listens on anything but a loopback address.
     */
    @WithDefault("false")
    boolean enabled();
}

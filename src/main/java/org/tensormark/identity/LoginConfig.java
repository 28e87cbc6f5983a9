package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many failed sign-ins lock an account or a client address, and for how long. An address gets
 * more tries than an account because a campus network puts many students behind one address.
 */
@ConfigMapping(prefix = "tensormark.login")
public interface LoginConfig {

    /** Failed sign-ins to one username within {@link #window()} that lock that username. */
    @WithDefault("5")
    int accountFailures();

    /** Failed sign-ins from one client address within {@link #window()} that lock that address. */
    @WithDefault("20")
    int addressFailures();

    /** How far back failures count. */
    @WithDefault("15m")
    Duration window();

    /** The first lock; each further lock of the same account or address lasts twice as long. */
    @WithDefault("15m")
    Duration lockout();

    /** The longest lock; an account or address quiet for this long starts afresh. */
    @WithDefault("24h")
    Duration maxLockout();
}

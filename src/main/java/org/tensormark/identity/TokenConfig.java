package org.tensormark.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Personal API tokens. */
@ConfigMapping(prefix = "tensormark.tokens")
public interface TokenConfig {

    /** How long a new token works; the expiry is shown when it is made and in the token list. */
    @WithDefault("180d")
    Duration lifetime();
}

package org.tensormark.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where resumable uploads wait for their hand-in, and for how long. */
@ConfigMapping(prefix = "tensormark.uploads")
public interface UploadConfig {

    /** Directory of uploads in progress (one {@code <id>.part} file each); default {@code data/uploads}. */
    @WithDefault("data/uploads")
    String dir();

    /** How long an upload may stay unfinished or unused since its last chunk; then it is deleted. Default 24 h. */
    @WithDefault("24h")
    Duration expiry();

    /** Uploads one user may have open at once, so that nobody fills the disk; default 6. */
    @WithDefault("6")
    int maxOpenPerUser();
}

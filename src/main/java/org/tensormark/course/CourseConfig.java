package org.tensormark.course;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where course content lives. Its prefix is {@code tensormark.assignments} (not {@code tensormark})
 * because Quarkus validates every key under a mapping's prefix and {@code tensormark.*} also holds
 * keys of other features ({@code tensormark.mode}, {@code tensormark.db.url}).
 */
@ConfigMapping(prefix = "tensormark.assignments")
public interface CourseConfig {

    /** {@code tensormark.assignments.dir}: the folder of course files and assignment folders, default {@code assignments}. */
    @WithDefault("assignments")
    String dir();

    /** When course content is synced into the database. */
    @ConfigMapping(prefix = "tensormark.sync")
    interface Sync {
        /** {@code tensormark.sync.on-start}: sync at every start-up, default {@code true}. */
        @WithDefault("true")
        boolean onStart();
    }
}

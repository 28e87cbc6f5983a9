package org.tensormark.course;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the course feature. */
@ConfigMapping(prefix = "tensormark")
public interface CourseConfig {

    Assignments assignments();

    Sync sync();

    /** Where course content lives. */
    interface Assignments {
        /** {@code tensormark.assignments.dir}: the folder of course files and assignment folders, default {@code assignments}. */
        @WithDefault("assignments")
        String dir();
    }

    /** When course content is synced into the database. */
    interface Sync {
        /** {@code tensormark.sync.on-start}: sync at every start-up, default {@code true}. */
        @WithDefault("true")
        boolean onStart();
    }
}

package org.tensormark.submission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where hand-in files are kept. */
@ConfigMapping(prefix = "tensormark.storage")
public interface StorageConfig {

    /** Directory of the content-addressed blob store; default {@code data/blobs}. */
    @WithDefault("data/blobs")
    String blobs();

    /** Minutes an unreferenced blob file may exist before the janitor removes it (uploads in flight are younger). */
    @WithDefault("60")
    int orphanMinutes();
}

package org.tensormark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Makes the one blob store of this process available for injection. */
@ApplicationScoped
class Blobs {

    @Produces
    @Singleton
    BlobStore blobStore(StorageConfig config) {
        return new BlobStore(Path.of(config.blobs()));
    }

    @Produces
    @Singleton
    ArchiveInspector archiveInspector() {
        return new ArchiveInspector(ArchiveLimits.DEFAULT);
    }
}

package org.tensormark.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobsRootTest {

    @Test
    void byDefaultJobsLiveInAFolderUnderTheDataDirectory() {
        assertEquals(Path.of("/srv/tensormark/jobs"), JobsRoot.resolve(Path.of("/srv/tensormark"), Optional.empty()));
    }

    @Test
    void aRelativeJobsDirectoryIsTakenUnderTheDataDirectoryNotTheCurrentOne() {
        assertEquals(Path.of("/srv/tensormark/scratch/jobs"),
                JobsRoot.resolve(Path.of("/srv/tensormark"), Optional.of("scratch/jobs")));
        assertEquals(Path.of("/var/jobs"), JobsRoot.resolve(Path.of("/srv/tensormark"), Optional.of("/var/jobs")));
    }

    @Test
    void twoServersFromOneCheckoutWithTheirOwnDataDirectoriesNeverShareJobs() {
        Path first = JobsRoot.resolve(Path.of("data-a"), Optional.empty());
        Path second = JobsRoot.resolve(Path.of("data-b"), Optional.empty());
        assertNotEquals(first, second);
        assertEquals(Path.of("data-a", "jobs").toAbsolutePath(), first);
        assertEquals(Path.of("data-a", "jobs").toAbsolutePath(),
                JobsRoot.resolve(Path.of("data-a"), Optional.of("jobs")), "the same folder whichever way it is named");
    }
}

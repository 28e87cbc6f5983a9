package org.tensormark.image;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes sure the course's grading image is in this host's store before any test runs, building it
 * once (minutes) when it is missing; later runs reuse it. Sandbox tests run inside it, as jobs do.
 * A host that cannot build it (no mmdebstrap, not root) gets a note here and platform failures
 * naming the missing image in the tests that need it.
 */
public final class CourseImageForTests implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            ImageCommand.ensure(ImageStore.local(), "course-cpu", line -> System.out.println("[course-cpu] " + line));
        } catch (Exception e) {
            System.err.println("[course-cpu] the grading image could not be built; tests that run jobs will fail: " + e);
        }
    }
}

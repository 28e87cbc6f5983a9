package org.tensormark.sandbox;

import java.nio.file.Path;
import java.util.Map;
import org.tensormark.image.ImageStore;

/**
 * The root filesystem a job sees: a grading image's read-only tree bound as {@code /} with the
 * variables the image sets, or, for development and the start-up benchmark only, the host's own
 * system folders ({@link #HOST}).
 *
 * @param image the image's name ("host" for the host's system)
 * @param digest the image's content digest ("host" for the host's system)
 * @param tree the image's tree, null for the host's system
 * @param environment variables the image sets in every job
 * @param interpreter the image's python3 that runs the harness, null for the host's system (the
 *     settings name it)
 */
public record SystemRoot(String image, String digest, Path tree, Map<String, String> environment, String interpreter) {

    /** The image every job runs in unless its assignment names another. */
    public static final String DEFAULT_IMAGE = ImageStore.COURSE_IMAGE;
    /** The name that asks for the host's system folders, honoured only where the settings allow it. */
    public static final String HOST_NAME = "host";
    static final SystemRoot HOST = new SystemRoot(HOST_NAME, HOST_NAME, null, Map.of(), null);

    public SystemRoot {
        environment = Map.copyOf(environment);
    }

    boolean isHost() {
        return tree == null;
    }

    /** The interpreter a job runs the harness with: the image's own, or the settings' on the host's system. */
    Path python(SandboxSettings settings) {
        return isHost() ? settings.python() : Path.of(interpreter);
    }
}

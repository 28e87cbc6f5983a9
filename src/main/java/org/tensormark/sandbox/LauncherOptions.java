package org.tensormark.sandbox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The options of {@code tensormark sandbox-launcher}.
 *
 * @param socket where to listen; its directory must belong to root and be writable by root only,
 *     and also holds the launcher's run directories of jobs ({@code jobs/})
 * @param clientUid the only uid allowed to connect: the unprivileged worker's
 * @param jobsRoot the directory under which that worker prepares its job directories
 * @param maxJobs most jobs run at once; a request beyond that is answered with a platform failure
 */
record LauncherOptions(Path socket, int clientUid, Path jobsRoot, int maxJobs) {

    static final String USAGE = "usage: tensormark sandbox-launcher --socket PATH --client-uid UID --jobs-root DIR"
            + " [--max-jobs N]";

    LauncherOptions {
        if (clientUid < 0) {
            throw new IllegalArgumentException("--client-uid must be a uid, was " + clientUid);
        }
        if (maxJobs < 1) {
            throw new IllegalArgumentException("--max-jobs must be at least 1, was " + maxJobs);
        }
    }

    /** Parses the command's arguments; a missing or unknown option is an IllegalArgumentException with the usage. */
    static LauncherOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].matches("--(socket|client-uid|jobs-root|max-jobs)") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected '" + args[i] + "'\n" + USAGE);
            }
            given.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--socket", "--client-uid", "--jobs-root"}) {
            if (!given.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required + "\n" + USAGE);
            }
        }
        return new LauncherOptions(Path.of(given.get("--socket")).toAbsolutePath(), number(given, "--client-uid", null),
                Path.of(given.get("--jobs-root")).toAbsolutePath(), number(given, "--max-jobs", "16"));
    }

    private static int number(Map<String, String> given, String option, String fallback) {
        String value = given.getOrDefault(option, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
    }
}

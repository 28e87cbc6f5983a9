package org.tensormark;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.tensormark.cli.Commands;

/**
 * Entry point of every TensorMark process. Commands that need the platform ({@code serve},
 * {@code worker}, {@code sync-assignments}) start Quarkus; tools that do not ({@code reference})
 * run without it.
 */
@QuarkusMain
public final class TensorMark {

    private TensorMark() {
    }

    public static void main(String... args) {
        int code = Commands.dispatch(args);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Starts the Quarkus application; used by the platform commands. */
    public static void runPlatform(String... args) {
        Quarkus.run(args);
    }
}

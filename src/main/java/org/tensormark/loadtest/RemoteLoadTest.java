package org.tensormark.loadtest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code tensormark load-test --server URL --user STAFF ...}: a deadline against a server already
 * running on this machine. The staff account (an instructor of the course, or an admin) enrols
 * the load-test students through the roster API and reads the figures back; see {@link Deadline}.
 */
public final class RemoteLoadTest {

    private RemoteLoadTest() {
    }

    /** Runs it; 0 when the deadline met its targets, 1 when not. Bad options are IllegalArgumentException. */
    public static int run(String[] args) throws Exception {
        LoadTestOptions options = LoadTestOptions.parse(args, System.getenv(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        Handin handin = Handin.solutionOf(options.assignment());
        System.out.printf("load test against %s: %d students of %s hand in %s within %d s%n", options.server(),
                options.students(), options.course(), options.assignment(), options.windowSeconds());
        return new Deadline(new HttpApi(options.server()), options, System.out).run(handin) ? 0 : 1;
    }
}

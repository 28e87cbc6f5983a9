package org.tensormark.loadtest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensormark.grading.Worker;

/** The load test against a running server: students made through the API, the figures read back through it. */
@QuarkusTest
class DeadlineTest {

    @TestHTTPResource("/")
    URL server;

    @Inject
    Worker worker;

    @BeforeEach
    void start() {
        worker.start(1);
    }

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aDeadlineAgainstARunningServerPrintsItsFiguresAndFindsEveryReceiptsHandinAndAReRunReusesTheStudents()
            throws Exception {
        String first = deadline();
        assertTrue(first.contains("roster import into demo: 3 new accounts"), first);
        assertTrue(first.contains("set the load-test password of 3 new students"), first);
        assertTrue(first.contains("3 of 3 students signed in"), first);
        assertTrue(first.contains("3 hand-ins sent in"), first);
        assertTrue(first.matches("(?s).*receipt latency: p50 \\d+ ms, p95 \\d+ ms, p99 \\d+ ms.*"), first);
        assertTrue(first.contains("errors: 0"), first);
        assertTrue(first.contains("receipts whose hand-in is present with the files sent (checked via the API): 3 of 3"), first);
        assertTrue(first.matches("(?s).*queue drained [0-9.]+ s after the first hand-in.*"), first);

        String again = deadline();
        assertTrue(again.contains("roster import into demo: 0 new accounts"), again);
        assertFalse(again.contains("set the load-test password"), again);
        assertTrue(again.contains("receipts whose hand-in is present with the files sent (checked via the API): 3 of 3"), again);
    }

    /** One run of 3 students in a 2-second window as the demo admin; fails unless it met its targets. */
    private String deadline() throws Exception {
        LoadTestOptions options = LoadTestOptions.parse(new String[] {"--server", server.toString(), "--user", "admin",
                "--window", "2", "--drain-limit", "300", "3"}, Map.of(LoadTestOptions.PASSWORD_VARIABLE,
                "admin-demo"), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean met = new Deadline(new HttpApi(options.server()), options, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(Handin.solutionOf(options.assignment()));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(met, out);
        return out;
    }
}

package org.tensormark.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTestOptionsTest {

    private static final Map<String, String> PASSWORD = Map.of(LoadTestOptions.PASSWORD_VARIABLE, "secret");

    @Test
    void aServerOnAnotherHostIsRefusedWithAClearMessage() {
        for (String host : new String[] {"http://10.0.0.5:8080", "https://tensormark.example.edu", "http://myhost:8080"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoadTestOptions.parse(new String[] {"--server", host, "--user", "ingrid"}, PASSWORD, null));
            assertEquals("refusing to load-test " + URI.create(host).getHost() + ": the load test runs only against a"
                    + " server on this machine (localhost, 127.0.0.1 or [::1]), never another host", e.getMessage());
        }
    }

    @Test
    void loopbackServersAreAcceptedWithTheCountWindowAndCourseGiven() throws Exception {
        for (String host : new String[] {"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080"}) {
            LoadTestOptions o = LoadTestOptions.parse(new String[] {"--server", host, "--user", "ingrid", "40",
                    "--window", "5", "--course", "sc4001"}, PASSWORD, null);
            assertEquals(host.replaceAll("/$", ""), o.server().toString());
            assertEquals(40, o.students());
            assertEquals(5, o.windowSeconds());
            assertEquals("sc4001", o.course());
            assertEquals("demo-open", o.assignment());
        }
    }

    @Test
    void thePasswordIsReadFromStdinWhenAskedElseFromTheEnvironmentElseItIsAUsageError() throws Exception {
        String[] args = {"--server", "http://127.0.0.1:8080", "--user", "ingrid", "--password-stdin"};
        assertEquals("typed", LoadTestOptions.parse(args, PASSWORD, new BufferedReader(new StringReader("typed\n")))
                .staffPassword());
        assertEquals("secret", LoadTestOptions.parse(new String[] {"--server", "http://127.0.0.1:8080", "--user", "i"},
                PASSWORD, null).staffPassword());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadTestOptions.parse(
                new String[] {"--server", "http://127.0.0.1:8080", "--user", "ingrid"}, Map.of(), null));
        assertEquals("no password for ingrid: pipe it in with --password-stdin or set TENSORMARK_LOAD_TEST_PASSWORD",
                e.getMessage());
    }
}

package org.tensormark.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one load test runs against and with: the server (loopback only), the staff account that
 * sets up the students and reads the figures back, the course and assignment, how many students
 * hand in within how many seconds, and how long the queue may take to drain.
 */
record LoadTestOptions(URI server, String staffUser, String staffPassword, String course, String assignment,
        int students, int windowSeconds, Duration drainLimit) {

    static final String PASSWORD_VARIABLE = "TENSORMARK_LOAD_TEST_PASSWORD";
    static final String USAGE = "usage: tensormark load-test --server http://127.0.0.1:8080 --user STAFF_USERNAME"
            + " [--password-stdin] [--course demo] [--assignment demo-open] [students, default 500]"
            + " [--window seconds, default 60] [--drain-limit seconds, default 1800]"
            + " (the password on stdin with --password-stdin, else in " + PASSWORD_VARIABLE + ")";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    /**
     * The options of {@code tensormark load-test --server URL ...}; a usage error
     * (IllegalArgumentException) for a missing or malformed option or a server that is not on this machine.
     */
    static LoadTestOptions parse(String[] args, Map<String, String> env, BufferedReader stdin) throws IOException {
        String server = null;
        String user = null;
        boolean passwordStdin = false;
        String course = "demo";
        String assignment = "demo-open";
        int students = 500;
        int window = 60;
        int drain = 1800;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = value(args, ++i);
                case "--user" -> user = value(args, ++i);
                case "--password-stdin" -> passwordStdin = true;
                case "--course" -> course = value(args, ++i);
                case "--assignment" -> assignment = value(args, ++i);
                case "--window" -> window = positive(value(args, ++i));
                case "--drain-limit" -> drain = positive(value(args, ++i));
                default -> students = positive(args[i]);
            }
        }
        if (server == null || user == null) {
            throw new IllegalArgumentException(USAGE);
        }
        String password = passwordStdin ? stdin.readLine() : env.get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password for " + user + ": pipe it in with --password-stdin or set "
                    + PASSWORD_VARIABLE);
        }
        return new LoadTestOptions(loopback(server), user, password, course, assignment, students, window,
                Duration.ofSeconds(drain));
    }

    /**
     * The server's address when it is an http(s) URL of this machine (localhost or a loopback IP
     * literal); a deadline of hundreds of hand-ins is never aimed at another machine.
     */
    static URI loopback(String url) {
        URI uri;
        try {
            uri = URI.create(url.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a server address (e.g. http://127.0.0.1:8080)");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a server address (e.g. http://127.0.0.1:8080)");
        }
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("refusing to load-test " + uri.getHost() + ": the load test runs only"
                    + " against a server on this machine (localhost, 127.0.0.1 or [::1]), never another host");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only IP literals are parsed: a host name is never resolved, since DNS could point it anywhere.
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int positive(String text) {
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("'" + text + "' is not a positive whole number; " + USAGE);
        }
        return Integer.parseInt(text);
    }
}

package org.tensormark.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one client command runs with: its arguments, the terminal, the config file and the server. */
final class Session {

    /** The terminal and environment; tests pass their own. */
    record Io(PrintStream out, PrintStream err, BufferedReader in, Map<String, String> env) {
    }

    final Args args;
    final Io io;
    final ClientConfig config;
    private ServerApi api;

    Session(Args args, Io io) {
        this.args = args;
        this.io = io;
        this.config = ClientConfig.fromEnvironment(io.env());
    }

    /** The server of the stored login; a usage error when nobody logged in. */
    ServerApi api() throws IOException {
        if (api == null) {
            ClientConfig.Login login = config.login().orElseThrow(() ->
                    new ClientFailure(1, "not logged in — run tensormark login <server-url>"));
            api = new ServerApi(login.server(), login.token(), ca().orElse(login.ca() == null ? null
                    : Path.of(login.ca())));
        }
        return api;
    }

    /** The CA file given with {@code --ca} on this command, if any. */
    Optional<Path> ca() {
        return Optional.ofNullable(args.option("ca")).map(c -> Path.of(c).toAbsolutePath());
    }

    boolean json() {
        return args.flag("json");
    }

    /** Prints the value as JSON with {@code --json}, else as the table {@code people} prints. */
    void show(Object value, Runnable people) {
        if (json()) {
            io.out().println(Json.write(value));
        } else {
            people.run();
        }
    }

    void table(List<String> header, List<List<Object>> rows) {
        Table.print(io.out(), header, rows);
    }

    /** One table row; cells may be null (shown as a dash), which List.of would refuse. */
    static List<Object> row(Object... cells) {
        return java.util.Arrays.asList(cells);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object json) {
        return json == null ? List.of() : (List<Object>) json;
    }
}

package org.tensormark.client;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code login}, {@code logout} and {@code whoami}. */
final class AccountCommands {

    private AccountCommands() {
    }

    /** Stores a token for the server: the one given with --token, or one made after a password sign-in. */
    static int login(Session s) throws IOException {
        String server = s.args.word(0, "the server's address, e.g. tensormark login https://tensormark.example.edu");
        String token = s.args.option("token");
        if (token == null) {
            String username = s.args.option("username") != null ? s.args.option("username") : prompt(s, "Username: ");
            String password = s.args.flag("password-stdin") ? s.io.in().readLine() : password(s);
            if (username == null || password == null) {
                throw ClientFailure.usage("give --username and a password (or --token)");
            }
            ServerApi anonymous = new ServerApi(server, null, s.ca().orElse(null));
            String session = anonymous.passwordLogin(username.strip(), password);
            token = anonymous.tokenFromSession(session, "tensormark CLI on " + host());
        }
        Map<String, Object> me = Session.map(new ServerApi(server, token, s.ca().orElse(null)).get("/api/me"));
        s.config.save(new ClientConfig.Login(server.replaceAll("/+$", ""), token, (String) me.get("username"),
                s.ca().map(Path::toString).orElse(null)));
        s.show(me, () -> s.io.out().println("Logged in to " + server + " as " + me.get("username")
                + "; the token is in " + s.config.file()));
        return 0;
    }

    static int logout(Session s) throws IOException {
        boolean had = s.config.forget();
        s.show(Map.of("loggedOut", had), () -> s.io.out().println(had ? "Logged out; the token was removed from "
                + s.config.file() + " (revoke it in the web page's token list if it may have leaked)." : "Not logged in."));
        return 0;
    }

    static int whoami(Session s) throws IOException {
        Map<String, Object> me = Session.map(s.api().get("/api/me"));
        String server = s.api().server();
        s.show(me, () -> {
            s.io.out().println(me.get("username") + " (" + me.get("displayName") + ") on " + server
                    + (Boolean.TRUE.equals(me.get("admin")) ? ", admin" : ""));
            s.table(List.of("COURSE", "ROLE"), Session.list(me.get("courses")).stream()
                    .map(c -> Session.row(Session.map(c).get("courseId"), Session.map(c).get("role"))).toList());
        });
        return 0;
    }

    private static String prompt(Session s, String question) throws IOException {
        if (System.console() != null) {
            return System.console().readLine(question);
        }
        s.io.err().print(question);
        return s.io.in().readLine();
    }

    private static String password(Session s) throws IOException {
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        s.io.err().print("Password: ");
        return s.io.in().readLine();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }
}

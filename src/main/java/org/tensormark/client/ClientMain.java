package org.tensormark.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TA's command line: commands that talk to a TensorMark server over its REST API with a
 * personal token. Plain Java (java.net.http and this package only): it never starts Quarkus, a
 * database or DJL, so a command answers as fast as the server does. Exit codes: 0 done, 1 the
 * server or network said no, 2 the command line was wrong; a failure is one line on stderr.
 */
public final class ClientMain {

    /** One client command: how to call it, an example, and what runs it. */
    private record Command(String usage, String example, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        int run(Session session) throws IOException;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        add("login", "login <server-url> [--username U] [--password-stdin | --token T]",
                "tensormark login https://tensormark.example.edu --username tom", AccountCommands::login);
        add("logout", "logout", "tensormark logout", AccountCommands::logout);
        add("whoami", "whoami [--json]", "tensormark whoami", AccountCommands::whoami);
        add("courses", "courses [--json]", "tensormark courses", CourseCommands::courses);
        add("assignments", "assignments <course> [--json]", "tensormark assignments sc4001",
                CourseCommands::assignments);
        add("status", "status <assignment> [--section S] [--json]", "tensormark status a1 --section T01",
                CourseCommands::status);
        add("roster", "roster list <course> [--section S] [--role R] [--search Q] | import <course> <file.csv>"
                        + " [--partial] [--drop-missing] [--dry-run] | enrol <course> <username> --name N [--email E]"
                        + " [--student-id ID] [--section S] [--role student|ta|instructor] | drop <course> <username>"
                        + " | change <course> <username> [--role R] [--section S] | limit <course> <ta> <section>..."
                        + " | password-links <course>",
                "tensormark roster import sc4001 canvas-export.csv --drop-missing", RosterCommands::run);
        add("extension", "extension grant <assignment> <student> <until> --reason R",
                "tensormark extension grant a1 s1234567 2026-12-10T23:59:00Z --reason \"medical certificate\"",
                GradingCommands::extension);
        add("override", "override <submission-id> <points> --reason R",
                "tensormark override 0b5e…c1 8.5 --reason \"regraded by hand\"", GradingCommands::override);
        add("manual-grades", "manual-grades template <assignment> | upload <assignment> <grades.csv> [--apply]",
                "tensormark manual-grades template a1 > grades.csv; tensormark manual-grades upload a1 grades.csv --apply",
                GradingCommands::manualGrades);
        add("gradebook", "gradebook export <course> [--format generic|canvas|moodle] [--per-check] [--output FILE]",
                "tensormark gradebook export sc4001 --format canvas --per-check --output grades.csv",
                CourseCommands::gradebookExport);
        add("handins", "handins download <assignment> [--dir D] [--student S] [--counted-only]",
                "tensormark handins download a1 --dir a1-handins --counted-only", HandinCommands::run);
        add("regrade", "regrade <assignment | submission-id>", "tensormark regrade a1", RegradeCommands::regrade);
        add("rescore", "rescore <assignment> [--publish ID | --discard ID]", "tensormark rescore a1 --publish 3",
                RegradeCommands::rescore);
        add("release-hidden", "release-hidden <assignment>", "tensormark release-hidden a1",
                RegradeCommands::releaseHidden);
        add("completion", "completion bash", "source <(tensormark completion bash)", ClientMain::completion);
        add("help", "help", "tensormark help", ClientMain::help);
    }

    private static final String COMMON_OPTIONS = "--json prints the server's answer as JSON; --ca ca.pem trusts a"
            + " server signed by that CA; exit codes: 0 done, 1 refused or failed, 2 wrong command line.";

    private ClientMain() {
    }

    /** Every command with its usage and an example. */
    private static int help(Session s) {
        s.io.out().println("tensormark: the TA's client (log in once, then every command talks to that server)\n");
        COMMANDS.values().forEach(c -> s.io.out().println("  tensormark " + c.usage() + "\n      e.g. " + c.example()));
        s.io.out().println("\n" + COMMON_OPTIONS + "\n'tensormark <command> --help' shows one command.");
        return 0;
    }

    /** A bash completion script made from the command table, so it never lags behind the commands. */
    private static int completion(Session s) {
        if (!s.args.word(0, "the shell: bash").equals("bash")) {
            throw ClientFailure.usage("only bash completion is made: tensormark completion bash");
        }
        Map<String, String> usages = new LinkedHashMap<>();
        COMMANDS.forEach((name, c) -> usages.put(name, c.usage()));
        s.io.out().print(Completion.bash(usages));
        return 0;
    }

    private static void add(String name, String usage, String example, Action action) {
        COMMANDS.put(name, new Command(usage, example, action));
    }

    /** The client's command names, so the program's dispatcher can hand them here before anything else loads. */
    public static List<String> commands() {
        return List.copyOf(COMMANDS.keySet());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one client command on the real terminal and environment. */
    public static int run(String... args) {
        return run(args, new Session.Io(System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.getenv()));
    }

    static int run(String[] args, Session.Io io) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            return run(new String[] {"help"}, io);
        }
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            io.err().println("usage: tensormark <" + String.join("|", COMMANDS.keySet()) + "> [options] (--help for more)");
            return 2;
        }
        Command command = COMMANDS.get(args[0]);
        try {
            Args parsed = Args.parse(Arrays.asList(args).subList(1, args.length));
            if (parsed.flag("help")) {
                io.out().println("usage: tensormark " + command.usage() + "\n\nexample:\n  " + command.example()
                        + "\n\n" + COMMON_OPTIONS);
                return 0;
            }
            return command.action().run(new Session(parsed, io));
        } catch (ClientFailure e) {
            io.err().println("tensormark " + args[0] + ": " + e.getMessage());
            return e.exitCode();
        } catch (IOException | RuntimeException e) {
            io.err().println("tensormark " + args[0] + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}

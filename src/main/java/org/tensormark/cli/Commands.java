package org.tensormark.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.TensorMark;
import org.tensormark.database.EmbeddedDatabase;

/**
 * The command line of the {@code tensormark} program. Each command is a name and a function of
 * its arguments returning an exit code; {@code -1} means "keep running, Quarkus owns the process".
 */
public final class Commands {

    /** One command of the program. */
    @FunctionalInterface
    public interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", args -> platform("serve", DemoOption.apply(args, Commands::setting, System::setProperty)));
        COMMANDS.put("worker", args -> platform("worker", args));
        COMMANDS.put("sync-assignments", args -> platform("sync-assignments", args));
        COMMANDS.put("dashboard-benchmark", args -> {
            org.tensormark.benchmark.ThrowAwayPlatform.prepare("tensormark-bench", System::setProperty);
            System.setProperty("tensormark.worker.slots", "0");
            System.setProperty("tensormark.sync.on-start", "false");
            return platform("dashboard-benchmark", args);
        });
        COMMANDS.put("spike-benchmark", args -> {
            org.tensormark.spike.SpikeOptions options = org.tensormark.spike.SpikeOptions.parse(args);
            return switch (options.phase()) { // the two processes get their settings as system properties
                case BOTH -> org.tensormark.spike.SpikeProcesses.run(options);
                case SET_UP -> platform("spike-set-up", new String[0]);
                case MEASURE -> platform("spike-benchmark", new String[0]);
            };
        });
        COMMANDS.put("load-test", args -> {
            if (Arrays.asList(args).contains("--server")) {
                return org.tensormark.loadtest.RemoteLoadTest.run(args);
            }
            // A deadline on a throw-away database and a free loopback port: never touches ./data.
            org.tensormark.benchmark.ThrowAwayPlatform.prepare("tensormark-load", System::setProperty);
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--window") && i + 1 < args.length) {
                    System.setProperty("tensormark.load-test.window-seconds", args[++i]);
                } else if (args[i].matches("\\d+")) {
                    System.setProperty("tensormark.load-test.students", args[i]);
                } else {
                    throw new IllegalArgumentException("usage: tensormark load-test [students, default 500] [--window seconds, default 60]"
                            + " (or against a running server: load-test --server http://127.0.0.1:8080 --user STAFF ...)");
                }
            }
            return platform("load-test", new String[0]);
        });
        COMMANDS.put("backup", org.tensormark.backup.BackupCommands::backup);
        COMMANDS.put("restore", org.tensormark.backup.BackupCommands::restore);
        COMMANDS.put("verify", org.tensormark.backup.BackupCommands::verify);
        COMMANDS.put("backup-benchmark", org.tensormark.backup.BackupBenchmark::run);
        COMMANDS.put("purge", org.tensormark.privacy.PrivacyCommands::purge);
        COMMANDS.put("export", org.tensormark.privacy.PrivacyCommands::export);
        COMMANDS.put("anonymise", org.tensormark.privacy.PrivacyCommands::anonymise);
        COMMANDS.put("reference", org.tensormark.reference.ReferenceCommand::run);
        COMMANDS.put("release-notebooks", org.tensormark.notebook.ReleaseCommand::run);
        COMMANDS.put("notebook-benchmark", undoingJobsAtExit(org.tensormark.grading.NotebookBenchmark::run));
        COMMANDS.put("check-assignment", undoingJobsAtExit(org.tensormark.grading.AssignmentCheck::command));
        COMMANDS.put("grade", undoingJobsAtExit(org.tensormark.localgrading.LocalGradeCommand::run));
        COMMANDS.put("reference-benchmark", org.tensormark.reference.ReferenceBenchmark::run);
        COMMANDS.put("sandbox-launcher", org.tensormark.sandbox.SandboxLauncher::command);
        COMMANDS.put("image", org.tensormark.image.ImageCommand::run);
        COMMANDS.put("container-image", org.tensormark.container.ContainerImageCommand::run);
        org.tensormark.client.ClientMain.commands().forEach(name -> COMMANDS.put(name, args -> org.tensormark.client.ClientMain.run(prepend(name, args))));
        COMMANDS.put("gpu-check", undoingJobsAtExit(args -> org.tensormark.sandbox.GpuCheck.command(args,
                Path.of(java.util.Objects.requireNonNullElse(setting("tensormark.worker.harness"),
                        org.tensormark.grading.WorkerConfig.DEFAULT_HARNESS)))));
        COMMANDS.put("sandbox-benchmark", undoingJobsAtExit(args -> {
            org.tensormark.sandbox.SandboxBenchmark.main(args);
            return 0;
        }));
    }

    private Commands() {
    }

    /** Adds a command; used by features that bring their own tool (reference, check-assignment). */
    public static synchronized void register(String name, Command command) {
        COMMANDS.put(name, command);
    }

    public static int dispatch(String[] args) {
        String name = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        Command command = COMMANDS.get(name);
        if (command == null) {
            System.err.println("usage: tensormark <" + String.join("|", COMMANDS.keySet()) + "> [options]");
            System.err.println("unknown command '" + name + "'");
            return 2;
        }
        try {
            return command.run(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("tensormark " + name + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("tensormark " + name + " failed: " + e);
            return 1;
        }
    }

    /** A command that runs sandbox jobs in this process, whose jobs are undone should it be stopped mid-job. */
    private static Command undoingJobsAtExit(Command command) {
        return args -> {
            org.tensormark.sandbox.Sandbox.undoJobsAtExit();
            return command.run(args);
        };
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A setting as Quarkus would read it: the system property, else its environment variable. */
    private static String setting(String key) {
        String property = System.getProperty(key);
        return property != null ? property
                : System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    /**
     * Starts the platform. With no {@code TENSORMARK_DB_URL} an embedded PostgreSQL under
     * {@code ./data/postgres} is started first and stopped after Quarkus has shut down.
     */
    private static int platform(String mode, String[] args) {
        System.setProperty("tensormark.mode", mode);
        if (mode.equals("worker") && System.getProperty("tensormark.http.port") == null
                && System.getenv("TENSORMARK_HTTP_PORT") == null) {
            // A standalone worker serves only health and metrics; keep clear of a server on 8080.
            System.setProperty("tensormark.http.port", "8081");
        }
        EmbeddedDatabase embedded = null;
        if (System.getenv("TENSORMARK_DB_URL") == null && System.getProperty("tensormark.db.url") == null) {
            Path dataDir = Path.of(System.getProperty("tensormark.data-dir",
                    System.getenv().getOrDefault("TENSORMARK_DATA_DIR", "data")));
            embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
            System.setProperty("tensormark.db.url", embedded.jdbcUrl());
            System.setProperty("tensormark.db.user", embedded.user());
            System.setProperty("tensormark.db.password", embedded.password());
            System.out.println("TensorMark: embedded PostgreSQL at " + embedded.jdbcUrl());
        }
        try {
            TensorMark.runPlatform(args);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        return 0;
    }
}

package org.tensormark.spike;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The arguments of {@code tensormark spike-benchmark [N] [--slots S]}, turned into the settings of
 * a throw-away platform: an embedded database and blob store under a new temporary folder, a free
 * HTTP port, no sync of ./assignments at start. Without {@code --slots} the worker's own default
 * applies. The command runs the benchmark in two processes of its own on that platform and then
 * deletes it: the first ({@code --set-up}) syncs the course, stores its reference figures and
 * enrols the students, then stops; the second ({@code --measure}) starts on what it left, as a
 * server restarted between deadlines does, and measures.
 *
 * @param handins how many A1 hand-ins arrive at once
 * @param slots the worker slots to run, or 0 for the worker's default
 * @param phase which process this is
 */
public record SpikeOptions(int handins, int slots, Phase phase) {

    /** The command itself, the process that prepares the platform, the process that measures. */
    public enum Phase {
        BOTH, SET_UP, MEASURE
    }

    static final String HANDINS_KEY = "tensormark.spike.handins";
    static final String SET_UP = "--set-up";
    static final String MEASURE = "--measure";
    private static final String USAGE = "usage: tensormark spike-benchmark [N] [--slots S]";

    public SpikeOptions {
        if (handins < 1 || handins > 500) {
            throw new IllegalArgumentException("N must be 1 to 500 hand-ins, was " + handins + "; " + USAGE);
        }
        if (slots < 0) {
            throw new IllegalArgumentException("--slots must be at least 1, was " + slots + "; " + USAGE);
        }
    }

    /** Parses the command's arguments; a wrong one is an {@link IllegalArgumentException} naming it. */
    public static SpikeOptions parse(String[] args) {
        int handins = 12;
        int slots = 0;
        Phase phase = Phase.BOTH;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--slots") && i + 1 < args.length) {
                slots = number(args[++i], "--slots");
            } else if (args[i].equals(SET_UP) || args[i].equals(MEASURE)) { // the command's own processes
                phase = args[i].equals(SET_UP) ? Phase.SET_UP : Phase.MEASURE;
            } else if (!args[i].startsWith("-")) {
                handins = number(args[i], "N");
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        return new SpikeOptions(handins, slots == 0 ? 0 : Math.max(1, slots), phase);
    }

    /** The platform's settings for one benchmark run, both processes' (system properties). */
    public Map<String, String> settings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        ThrowAwayPlatform.prepare("tensormark-spike", settings::put);
        settings.put("tensormark.sync.on-start", "false");
        settings.put(HANDINS_KEY, Integer.toString(handins));
        if (slots > 0) {
            settings.put("tensormark.worker.slots", Integer.toString(slots));
        }
        return settings;
    }

    private static int number(String value, String what) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + value + "'; " + USAGE);
        }
    }
}

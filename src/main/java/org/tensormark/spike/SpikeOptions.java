package org.tensormark.spike;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The arguments of {@code tensormark spike-benchmark [N] [--slots S] [--starts R]}, turned into the
 * settings of a throw-away platform: an embedded database and blob store under a new temporary
 * folder, a free HTTP port, no sync of ./assignments at start. Without {@code --slots} the worker's
 * own default applies. The command runs the benchmark in processes of its own on that platform and
 * then deletes it: the first ({@code --set-up}) syncs the course, stores its reference figures and
 * enrols the students, then stops; then R measuring processes ({@code --measure}) start one after
 * the other on what it left, as a server restarted between deadlines does: each hands in A1 ten
 * times one at a time, and the last also runs the spike and the demo and compares the first hand-in
 * after a start with the tenth over all R starts (one start's pair differs by the noise of a single
 * hand-in: on a 2-CPU host the second to the tenth ranged over 40 ms, README "Measuring"), by a
 * test that needs at least {@link SignedRank#PAIRS_TO_SHOW} starts to show anything.
 *
 * @param handins how many A1 hand-ins arrive at once
 * @param slots the worker slots to run, or 0 for the worker's default
 * @param starts how many times a measuring process starts on the prepared platform
 * @param phase which process this is
 */
public record SpikeOptions(int handins, int slots, int starts, Phase phase) {

    /** The command itself, the process that prepares the platform, the process that measures. */
    public enum Phase {
        BOTH, SET_UP, MEASURE
    }

    static final String HANDINS_KEY = "tensormark.spike.handins";
    static final String STARTS_KEY = "tensormark.spike.starts";
    /** Which of the starts a measuring process is (1 to R), a setting of that process alone. */
    static final String START_KEY = "tensormark.spike.start";
    static final int DEFAULT_STARTS = 6;
    static final String SET_UP = "--set-up";
    static final String MEASURE = "--measure";
    private static final String USAGE = "usage: tensormark spike-benchmark [N] [--slots S] [--starts R, default "
            + DEFAULT_STARTS + "]";

    public SpikeOptions {
        if (handins < 1 || handins > 500) {
            throw new IllegalArgumentException("N must be 1 to 500 hand-ins, was " + handins + "; " + USAGE);
        }
        if (slots < 0) {
            throw new IllegalArgumentException("--slots must be at least 1, was " + slots + "; " + USAGE);
        }
        if (starts < 1 || starts > 20) {
            throw new IllegalArgumentException("--starts must be 1 to 20, was " + starts + "; " + USAGE);
        }
    }

    /** Parses the command's arguments; a wrong one is an {@link IllegalArgumentException} naming it. */
    public static SpikeOptions parse(String[] args) {
        int handins = 12;
        int slots = 0;
        int starts = DEFAULT_STARTS;
        Phase phase = Phase.BOTH;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--slots") && i + 1 < args.length) {
                slots = number(args[++i], "--slots");
            } else if (args[i].equals("--starts") && i + 1 < args.length) {
                starts = number(args[++i], "--starts");
            } else if (args[i].equals(SET_UP) || args[i].equals(MEASURE)) { // the command's own processes
                phase = args[i].equals(SET_UP) ? Phase.SET_UP : Phase.MEASURE;
            } else if (!args[i].startsWith("-")) {
                handins = number(args[i], "N");
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        return new SpikeOptions(handins, slots == 0 ? 0 : Math.max(1, slots), starts, phase);
    }

    /** The platform's settings for one benchmark run, every process's (system properties). */
    public Map<String, String> settings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        ThrowAwayPlatform.prepare("tensormark-spike", settings::put);
        settings.put("tensormark.sync.on-start", "false");
        settings.put(HANDINS_KEY, Integer.toString(handins));
        settings.put(STARTS_KEY, Integer.toString(starts));
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

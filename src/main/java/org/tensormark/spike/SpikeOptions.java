package org.tensormark.spike;

import java.io.IOException;
import java.util.function.BiConsumer;
import org.tensormark.benchmark.ThrowAwayPlatform;

/**
 * The arguments of {@code tensormark spike-benchmark [N] [--slots S]}, turned into the settings of
 * a throw-away platform: an embedded database and blob store under a new temporary folder, a free
 * HTTP port, no sync of ./assignments at start. Without {@code --slots} the worker's own default
 * applies.
 *
 * @param handins how many A1 hand-ins arrive at once
 * @param slots the worker slots to run, or 0 for the worker's default
 */
public record SpikeOptions(int handins, int slots) {

    static final String HANDINS_KEY = "tensormark.spike.handins";
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
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--slots") && i + 1 < args.length) {
                slots = number(args[++i], "--slots");
            } else if (!args[i].startsWith("-")) {
                handins = number(args[i], "N");
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
            }
        }
        return new SpikeOptions(handins, slots == 0 ? 0 : Math.max(1, slots));
    }

    /** Sets the platform's settings for one benchmark run through {@code set} (System::setProperty). */
    public void apply(BiConsumer<String, String> set) throws IOException {
        ThrowAwayPlatform.prepare("tensormark-spike", set);
        set.accept("tensormark.sync.on-start", "false");
        set.accept(HANDINS_KEY, Integer.toString(handins));
        if (slots > 0) {
            set.accept("tensormark.worker.slots", Integer.toString(slots));
        }
    }

    private static int number(String value, String what) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + value + "'; " + USAGE);
        }
    }
}

package org.tensormark.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An assignment's leaderboard as declared under {@code leaderboard:} in its {@code assignment.yaml}:
 * a held-out set generated on the server from a seed (students get its inputs, never its labels;
 * the seed is as secret as a hidden check's), the metric, which share of it is public before the due
 * time, and how many entries a group may make per 24 hours.
 *
 * @param seed           the generator's seed (train, held-out set, labels and split all follow from it)
 * @param size           rows of the held-out set (the training set has twice as many)
 * @param classes        how many classes the labels take (2 to 10)
 * @param features       input columns (1 to 20)
 * @param metric         {@code accuracy} or {@code macro_f1}
 * @param publicFraction the share of the held-out rows scored on the public board (0.1 to 0.9)
 * @param entriesPerDay  entries a group may make in any 24 hours (1 to 50)
 * @param kinds          what a group may hand in as an entry ({@code entry_kinds}: csv, predict or
 *                       both; default csv)
 * @param predictSeconds the time limit of a {@code predict} run in the sandbox (1 to 600, default 60)
 * @param weightsMaxKb   the largest weights file a {@code predict} entry may bring, in KiB (0, the
 *                       default: none; at most 20480)
 */
public record LeaderboardSpec(long seed, int size, int classes, int features, LeaderboardMetric metric,
        double publicFraction, int entriesPerDay, Set<EntryKind> kinds, int predictSeconds, int weightsMaxKb) {

    /** How a group hands in an entry: a predictions CSV, or a Python file defining {@code predict(inputs)}. */
    public enum EntryKind {
        CSV, PREDICT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> FIELDS = Set.of("data", "seed", "size", "classes", "features", "metric",
            "public_fraction", "entries_per_day", "entry_kinds", "predict_seconds", "weights_max_kb");

    /** Reads the declared section (as parsed from YAML); a wrong field is an error naming it. */
    static LeaderboardSpec from(Map<String, Object> section) {
        for (String key : section.keySet()) {
            if (!FIELDS.contains(key)) {
                throw invalid(key, "is not a leaderboard field (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        if (!"blobs".equals(String.valueOf(section.getOrDefault("data", "blobs")))) {
            throw invalid("data", "must be 'blobs' (Gaussian clusters generated from the seed)");
        }
        if (!(section.get("seed") instanceof Number seed)) {
            throw invalid("seed", "is required: a number students never see");
        }
        String metric = String.valueOf(section.getOrDefault("metric", "accuracy"));
        LeaderboardMetric m = LeaderboardMetric.named(metric)
                .orElseThrow(() -> invalid("metric", "must be accuracy or macro_f1, not '" + metric + "'"));
        return new LeaderboardSpec(seed.longValue(), integer(section, "size", 200, 20, 100_000),
                integer(section, "classes", 2, 2, 10), integer(section, "features", 2, 1, 20), m,
                number(section, "public_fraction", 0.5, 0.1, 0.9), integer(section, "entries_per_day", 5, 1, 50),
                kinds(section.getOrDefault("entry_kinds", List.of("csv"))), integer(section, "predict_seconds", 60, 1, 600),
                integer(section, "weights_max_kb", 0, 0, 20_480));
    }

    /** Whether a group may hand in entries of this kind. */
    public boolean allows(EntryKind kind) {
        return kinds.contains(kind);
    }

    private static Set<EntryKind> kinds(Object value) {
        List<Object> named = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
        Set<EntryKind> kinds = EnumSet.noneOf(EntryKind.class);
        for (Object name : named) {
            kinds.add(Arrays.stream(EntryKind.values()).filter(k -> k.label().equals(String.valueOf(name)))
                    .findFirst().orElseThrow(() -> invalid("entry_kinds", "lists csv, predict or both, not '" + name + "'")));
        }
        if (kinds.isEmpty()) {
            throw invalid("entry_kinds", "lists csv, predict or both, not nothing");
        }
        return Set.copyOf(kinds);
    }

    private static int integer(Map<String, Object> section, String key, int fallback, int min, int max) {
        Object value = section.getOrDefault(key, fallback);
        if (!(value instanceof Integer i) || i < min || i > max) {
            throw invalid(key, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
        return i;
    }

    private static double number(Map<String, Object> section, String key, double fallback, double min, double max) {
        Object value = section.getOrDefault(key, fallback);
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw invalid(key, "must be a number from " + min + " to " + max + ", not '" + value + "'");
        }
        return n.doubleValue();
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("leaderboard." + key + " " + why);
    }
}

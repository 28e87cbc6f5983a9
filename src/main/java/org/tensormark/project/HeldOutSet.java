package org.tensormark.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A leaderboard's data, generated on the server from its spec: Gaussian clusters, one per class,
 * overlapping enough that no model is perfect. The training rows carry their labels; the held-out
 * rows are handed out as inputs only, and their labels and their public/private split stay here.
 * The same spec always gives the same data ({@link Random} is specified to the bit).
 */
final class HeldOutSet {

    /** One held-out row's truth: its label and whether it counts on the public board. */
    record Truth(String label, boolean isPublic) {
    }

    private final LeaderboardSpec spec;
    private final List<String> trainCsv = new ArrayList<>();
    private final List<String> inputsCsv = new ArrayList<>();
    private final List<double[]> inputs = new ArrayList<>();
    private final Map<String, Truth> truth = new LinkedHashMap<>();

    private HeldOutSet(LeaderboardSpec spec) {
        this.spec = spec;
    }

    static HeldOutSet of(LeaderboardSpec spec) {
        HeldOutSet set = new HeldOutSet(spec);
        set.generate();
        return set;
    }

    private void generate() {
        Random random = new Random(spec.seed());
        double[][] centres = new double[spec.classes()][spec.features()];
        for (double[] centre : centres) {
            for (int f = 0; f < centre.length; f++) {
                centre[f] = 2.0 * random.nextGaussian();
            }
        }
        String header = "id," + String.join(",", featureNames());
        trainCsv.add(header + ",label");
        for (int i = 0; i < 2 * spec.size(); i++) {
            int label = random.nextInt(spec.classes());
            trainCsv.add(String.format(Locale.ROOT, "r%05d,%s,%d", i, row(random, centres[label]), label));
        }
        inputsCsv.add(header);
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            int label = random.nextInt(spec.classes());
            String id = String.format(Locale.ROOT, "t%05d", i);
            String row = row(random, centres[label]);
            inputsCsv.add(id + "," + row);
            inputs.add(Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray());
            ids.add(id);
            labels.add(String.valueOf(label));
        }
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        int publicRows = (int) Math.round(spec.publicFraction() * ids.size());
        List<String> publicIds = shuffled.subList(0, publicRows);
        Set<String> isPublic = new HashSet<>(publicIds);
        for (int i = 0; i < ids.size(); i++) {
            truth.put(ids.get(i), new Truth(labels.get(i), isPublic.contains(ids.get(i))));
        }
    }

    private List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int f = 1; f <= spec.features(); f++) {
            names.add("x" + f);
        }
        return names;
    }

    private static String row(Random random, double[] centre) {
        List<String> values = new ArrayList<>();
        for (double c : centre) {
            values.add(String.format(Locale.ROOT, "%.4f", c + 1.6 * random.nextGaussian()));
        }
        return String.join(",", values);
    }

    /** The labelled training rows as CSV: {@code id,x1,…,label}. */
    String trainCsv() {
        return String.join("\n", trainCsv) + "\n";
    }

    /** The held-out rows' inputs as CSV, {@code id,x1,…}: no label, no split. */
    String inputsCsv() {
        return String.join("\n", inputsCsv) + "\n";
    }

    /**
     * The held-out rows' inputs as numbers, one row per id in id order: exactly the values of
     * {@link #inputsCsv} (a predict function sees what a CSV entry's author saw). No label, no split.
     */
    double[][] inputs() {
        return inputs.stream().map(double[]::clone).toArray(double[][]::new);
    }

    /** Held-out id → its label and split, in id order. Never leaves the server. */
    Map<String, Truth> truth() {
        return Collections.unmodifiableMap(truth);
    }
}

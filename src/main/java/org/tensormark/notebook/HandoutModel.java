package org.tensormark.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference figure a notebook's hidden test may ask for with {@code tensormark_reference(name)}:
 * the test accuracy the handout's model reaches on the handout's split of an assignment data file,
 * trained by DJL outside the sandbox. Declared under the notebook check's {@code references}:
 *
 * <pre>
 * references:
 *   mlp_accuracy:
 *     data: data/audio_gtzan.csv      # a file of the assignment folder
 *     label_column: filename          # its prefix up to the first '.' is the class
 *     classes: [blues, metal]         # class 0, class 1
 *     test_size: 0.3                  # train_test_split(..., stratify=y) as in the handout
 *     random_state: 0
 *     validation: 0.2                 # the last fifth of the training split watches early stopping
 *     hidden: [128, 128, 128]
 *     dropout: 0.2
 *     lr: 0.001
 *     batch_size: 256
 *     epochs: 100
 *     patience: 3
 *     seeds: 3                        # the figure is the band over this many initialisations
 * </pre>
 */
public record HandoutModel(String name, String data, String labelColumn, List<String> classes, double testSize,
        long randomState, double validation, Training training, int seeds) {

    /** Every reference declared in a check's {@code references} map (none when absent). */
    public static List<HandoutModel> read(Object references) {
        List<HandoutModel> models = new ArrayList<>();
        if (references == null) {
            return models;
        }
        if (!(references instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("references must map a name to a model, not " + references);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException("references." + e.getKey() + " must be a map of settings");
            }
            models.add(of(String.valueOf(e.getKey()), new LinkedHashMap<>(spec)));
        }
        return models;
    }

    private static HandoutModel of(String name, Map<?, ?> p) {
        Fields f = new Fields("references." + name, p);
        return new HandoutModel(name, f.text("data", null), f.text("label_column", "filename"),
                f.list("classes").stream().map(String::valueOf).toList(), f.number("test_size", 0.25),
                (long) f.number("random_state", 0), f.number("validation", 0.2),
                new Training(f.list("hidden").stream().map(v -> ((Number) v).intValue()).toList(),
                        f.number("dropout", 0.2), f.number("lr", 0.001), (int) f.number("batch_size", 256),
                        (int) f.number("epochs", 100), (int) f.number("patience", 3)),
                (int) f.number("seeds", 3));
    }

    /** The handout's model and how it is trained. */
    public record Training(List<Integer> hidden, double dropout, double learningRate, int batchSize, int epochs,
            int patience) {
    }

    /** The test accuracy of one training run, initialised from {@code seed}. */
    public double accuracy(Path assignmentFolder, int seed) {
        LabelledTable table = LabelledTable.read(assignmentFolder.resolve(data), labelColumn, classes);
        StratifiedSplit split = StratifiedSplit.of(table.y(), testSize, randomState);
        List<LabelledTable> scaled = table.select(split.train()).scaledWithThisAnd(table.select(split.test()));
        LabelledTable train = scaled.get(0);
        int fit = (int) ((1 - validation) * train.y().length);
        return BinaryMlpTraining.testAccuracy(train.range(0, fit), train.range(fit, train.y().length), scaled.get(1),
                training, seed);
    }

    /** The settings of one declaration, each refused with its key when it has the wrong type. */
    private record Fields(String where, Map<?, ?> p) {

        String text(String key, String fallback) {
            Object v = p.get(key);
            if (v == null && fallback == null) {
                throw new IllegalArgumentException(where + "." + key + " is missing");
            }
            return v == null ? fallback : String.valueOf(v);
        }

        double number(String key, double fallback) {
            Object v = p.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(where + "." + key + " must be a number, not '" + v + "'");
            }
            return n.doubleValue();
        }

        List<?> list(String key) {
            Object v = p.get(key);
            if (!(v instanceof List<?> l) || l.isEmpty()) {
                throw new IllegalArgumentException(where + "." + key + " must be a non-empty list");
            }
            return l;
        }
    }
}

package org.tensormark.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV data file of an assignment as the handout reads it: one row per example, a name column whose
 * prefix (up to the first {@code .}) is the class ({@code blues.00012.3.wav} is class
 * {@code blues}), every other column a numeric feature.
 *
 * @param x features, one row per example
 * @param y class indices, in the order of the declared classes
 */
record LabelledTable(float[][] x, int[] y) {

    /** Reads {@code file}; the class of a row is the position of its name's prefix in {@code classes}. */
    static LabelledTable read(Path file, String labelColumn, List<String> classes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the reference's data file " + file + " cannot be read", e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int label = header.indexOf(labelColumn);
        if (label < 0) {
            throw new IllegalArgumentException(file.getFileName() + " has no column '" + labelColumn + "'");
        }
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (r + 1) + " has " + cells.length
                        + " fields, the header " + header.size());
            }
            String name = cells[label];
            int cls = classes.indexOf(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            if (cls < 0) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (r + 1) + ": '" + name
                        + "' names none of the classes " + classes);
            }
            labels.add(cls);
            rows.add(features(cells, label, file, r + 1));
        }
        return new LabelledTable(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The rows {@code rows}, in that order. */
    LabelledTable select(int[] rows) {
        return new LabelledTable(Arrays.stream(rows).mapToObj(r -> x[r]).toArray(float[][]::new),
                Arrays.stream(rows).map(r -> y[r]).toArray());
    }

    /** The rows from {@code from} (inclusive) to {@code to} (exclusive). */
    LabelledTable range(int from, int to) {
        return new LabelledTable(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to));
    }

    /**
     * Both tables standardised with the mean and (population) deviation of this one's features,
     * as scikit-learn's {@code StandardScaler} fitted on this table; a constant feature keeps scale 1.
     */
    List<LabelledTable> scaledWithThisAnd(LabelledTable other) {
        int features = x[0].length;
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (float[] row : x) {
                sum += row[f];
            }
            mean[f] = sum / x.length;
            double squares = 0;
            for (float[] row : x) {
                squares += (row[f] - mean[f]) * (row[f] - mean[f]);
            }
            double deviation = Math.sqrt(squares / x.length);
            scale[f] = deviation == 0 ? 1 : deviation;
        }
        return List.of(scaled(this, mean, scale), scaled(other, mean, scale));
    }

    private static LabelledTable scaled(LabelledTable t, double[] mean, double[] scale) {
        float[][] out = new float[t.x.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new float[mean.length];
            for (int f = 0; f < mean.length; f++) {
                out[r][f] = (float) ((t.x[r][f] - mean[f]) / scale[f]);
            }
        }
        return new LabelledTable(out, t.y);
    }

    private static float[] features(String[] cells, int label, Path file, int line) {
        float[] values = new float[cells.length - 1];
        for (int c = 0, f = 0; c < cells.length; c++) {
            if (c == label) {
                continue;
            }
            try {
                values[f++] = Float.parseFloat(cells[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + line + " column " + (c + 1)
                        + ": '" + cells[c] + "' is not a number");
            }
        }
        return values;
    }
}

package org.tensormark.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * scikit-learn's {@code train_test_split(..., test_size=f, random_state=s, stratify=y)} (the
 * {@code StratifiedShuffleSplit} of scikit-learn 1.x): the same row indices in the same order, so a
 * reference figure is computed on exactly the split the handout's code makes.
 *
 * @param train row indices of the training split, in scikit-learn's order
 * @param test  row indices of the test split, in scikit-learn's order
 */
record StratifiedSplit(int[] train, int[] test) {

    /** Splits rows labelled {@code labels}; {@code testSize} is a fraction in (0, 1). */
    static StratifiedSplit of(int[] labels, double testSize, long randomState) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("test_size must be a fraction between 0 and 1, not " + testSize);
        }
        int n = labels.length;
        int nTest = (int) Math.ceil(testSize * n);
        int nTrain = n - nTest;
        int[][] classRows = rowsByClass(labels);
        long[] counts = Arrays.stream(classRows).mapToLong(rows -> rows.length).toArray();
        LegacyRandom random = new LegacyRandom(randomState);
        long[] trainPerClass = approximateMode(counts, nTrain, random);
        long[] remaining = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            remaining[i] = counts[i] - trainPerClass[i];
        }
        long[] testPerClass = approximateMode(remaining, nTest, random);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classRows.length; c++) {
            int[] order = random.permutation(classRows[c].length);
            for (int k = 0; k < trainPerClass[c] + testPerClass[c]; k++) {
                (k < trainPerClass[c] ? train : test).add(classRows[c][order[k]]);
            }
        }
        return new StratifiedSplit(random.permutation(ints(train)), random.permutation(ints(test)));
    }

    /** Row indices of each class, classes in ascending label order, rows ascending (a stable argsort). */
    private static int[][] rowsByClass(int[] labels) {
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int row = 0; row < labels.length; row++) {
            byClass.computeIfAbsent(labels[row], k -> new ArrayList<>()).add(row);
        }
        return byClass.values().stream().map(StratifiedSplit::ints).toArray(int[][]::new);
    }

    /** scikit-learn's {@code _approximate_mode}: draws per class, ties among remainders broken at random. */
    private static long[] approximateMode(long[] counts, int draws, LegacyRandom random) {
        long total = Arrays.stream(counts).sum();
        double[] continuous = new double[counts.length];
        long[] floored = new long[counts.length];
        long need = draws;
        for (int i = 0; i < counts.length; i++) {
            continuous[i] = (double) counts[i] / total * draws;
            floored[i] = (long) Math.floor(continuous[i]);
            need -= floored[i];
        }
        double[] remainders = Arrays.stream(continuous).map(c -> c - Math.floor(c)).toArray();
        double[] values = Arrays.stream(remainders).distinct().sorted().toArray();
        for (int v = values.length - 1; v >= 0 && need > 0; v--) {
            final double value = values[v];
            int[] tied = IntStream.range(0, counts.length).filter(i -> remainders[i] == value).toArray();
            int now = (int) Math.min(tied.length, need);
            int[] chosen = random.permutation(tied.length);
            for (int k = 0; k < now; k++) {
                floored[tied[chosen[k]]]++;
            }
            need -= now;
        }
        return floored;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}

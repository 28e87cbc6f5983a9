package org.tensormark.project;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How a leaderboard entry is scored against the held-out labels; higher is better for each. */
public enum LeaderboardMetric {
    /** The share of rows predicted right. */
    ACCURACY {
        @Override
        double score(List<String> truth, List<String> predicted) {
            int right = 0;
            for (int i = 0; i < truth.size(); i++) {
                right += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
            }
            return truth.isEmpty() ? 0 : (double) right / truth.size();
        }
    },
    /** The mean over the true classes of each class's F1 (precision and recall of that class). */
    MACRO_F1 {
        @Override
        double score(List<String> truth, List<String> predicted) {
            Set<String> classes = new HashSet<>(truth);
            double sum = 0;
            for (String c : classes) {
                int tp = 0;
                int fp = 0;
                int fn = 0;
                for (int i = 0; i < truth.size(); i++) {
                    boolean isC = truth.get(i).equals(c);
                    boolean saidC = predicted.get(i).equals(c);
                    tp += isC && saidC ? 1 : 0;
                    fp += !isC && saidC ? 1 : 0;
                    fn += isC && !saidC ? 1 : 0;
                }
                sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            }
            return classes.isEmpty() ? 0 : sum / classes.size();
        }
    };

    /** The score of {@code predicted} against {@code truth}, row by row (same length). */
    abstract double score(List<String> truth, List<String> predicted);

    /** The name as written in {@code assignment.yaml}. */
    public String label() {
        return name().toLowerCase();
    }

    static Optional<LeaderboardMetric> named(String name) {
        return Arrays.stream(values()).filter(m -> m.label().equals(name)).findFirst();
    }
}

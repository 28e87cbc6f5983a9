package org.tensormark.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code predict(inputs)} function returned, read as one label per held-out row: an array
 * of shape {@code (n,)} or {@code (n, 1)} whose values are class labels {@code 0 … classes-1}
 * (integers, or floats with no fraction). Mistakes are told as the group can act on them.
 */
final class PredictedLabels {

    private PredictedLabels() {
    }

    /** Id → predicted label, the ids in held-out order, or an {@link IllegalArgumentException} saying what is wrong. */
    static Map<String, String> read(long[] shape, double[] values, Set<String> ids, int classes) {
        int n = ids.size();
        boolean oneColumn = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!oneColumn || shape[0] != n) {
            throw new IllegalArgumentException("predict returned an array of shape " + shapeText(shape)
                    + "; it must return one label per row of inputs, shape (" + n + ",).");
        }
        List<String> idList = new ArrayList<>(ids);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException("predict returned " + number(v) + " for row " + i + " ("
                        + idList.get(i) + "); a label is a whole number from 0 to " + (classes - 1) + ".");
            }
            out.put(idList.get(i), String.valueOf((long) v));
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String shapeText(long[] shape) {
        List<String> dims = new ArrayList<>();
        for (long d : shape) {
            dims.add(String.valueOf(d));
        }
        return "(" + String.join(", ", dims) + (shape.length == 1 ? ",)" : ")");
    }
}

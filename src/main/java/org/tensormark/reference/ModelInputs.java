package org.tensormark.reference;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * The named inputs of one model call, read with checks: a missing required input or a shape that
 * does not fit is an {@link IllegalArgumentException} naming the model, the input, the expected
 * and the actual shape. In expected dimensions, {@link #ANY} matches any size.
 */
final class ModelInputs {

    /** A wildcard dimension for shape checks. */
    static final long ANY = -1;

    private final String model;
    private final Map<String, Tensor> values;

    ModelInputs(String model, Map<String, Tensor> values) {
        this.model = model;
        this.values = values == null ? Map.of() : values;
    }

    String model() {
        return model;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    /** The input, which must be present. */
    Tensor required(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw error(name, "is required but missing");
        }
        return t;
    }

    /** The input, present and of the given shape; {@code layout} names the dimensions, e.g. "(N, C)". */
    Tensor required(String name, String layout, long... dims) {
        Tensor t = required(name);
        checkShape(name, t, layout, dims);
        return t;
    }

    Optional<Tensor> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Optional<Tensor> optional(String name, String layout, long... dims) {
        Optional<Tensor> t = optional(name);
        t.ifPresent(v -> checkShape(name, v, layout, dims));
        return t;
    }

    /** A 0-d (or one-element) integral hyper-parameter, or {@code fallback} when absent. */
    int integer(String name, int fallback) {
        return has(name) ? requiredInteger(name) : fallback;
    }

    int requiredInteger(String name) {
        double v = requiredNumber(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(name, "must be an integer, got " + v);
        }
        return (int) v;
    }

    /** A 0-d (or one-element) hyper-parameter, or {@code fallback} when absent. */
    double number(String name, double fallback) {
        return has(name) ? requiredNumber(name) : fallback;
    }

    double requiredNumber(String name) {
        Tensor t = required(name);
        if (t.size() != 1 || t.rank() > 1) {
            throw error(name, "expected a single value of shape (), got shape " + t.shapeText());
        }
        return t.values()[0];
    }

    /** A 0-d flag, non-zero meaning true, or {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        return has(name) ? requiredNumber(name) != 0 : fallback;
    }

    /** Checks rank and every non-{@link #ANY} dimension of {@code t}. */
    void checkShape(String name, Tensor t, String layout, long... dims) {
        long[] shape = t.shape();
        boolean fits = shape.length == dims.length;
        for (int i = 0; fits && i < dims.length; i++) {
            fits = dims[i] == ANY || dims[i] == shape[i];
        }
        if (!fits) {
            throw error(name, "expected shape " + layout + " = " + expectedText(dims)
                    + ", got " + t.shapeText());
        }
    }

    /** Checks that {@code t} holds integers (any integral dtype or integral float values). */
    void checkIntegral(String name, Tensor t) {
        if (t.dtype().isFloating() && Arrays.stream(t.values()).anyMatch(v -> v != Math.rint(v))) {
            throw error(name, "must hold integers, got " + t.dtype().numpyName() + " fractions");
        }
    }

    /** The dtype outputs should take: the first floating dtype among {@code names}, else float32. */
    DType floatingType(String... names) {
        for (String n : names) {
            Tensor t = values.get(n);
            if (t != null && t.dtype().isFloating()) {
                return t.dtype();
            }
        }
        return DType.FLOAT32;
    }

    IllegalArgumentException error(String name, String problem) {
        return new IllegalArgumentException("model '" + model + "': input '" + name + "' " + problem);
    }

    private static String expectedText(long[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? ", " : "").append(dims[i] == ANY ? "*" : Long.toString(dims[i]));
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }
}

package org.tensormark.reference;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensormark.reference.ReferenceModel.Param;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Inputs for one model made from its documented names and shapes, as a TA would make them from
 * {@code tensormark reference --list}: every input of {@link ReferenceModel#inputsFor} is
 * generated, its shape read from the documented text with the sizes a {@link Spec} gives the
 * symbols ("(4*H, H_in)" with H = 3, H_in = 2), its values standard normal unless the spec
 * fills it otherwise; 0-d inputs take the value the spec gives.
 */
final class DocumentedInputs {

    /** How the values of one input are drawn. */
    @FunctionalInterface
    interface Fill {
        Tensor make(long[] shape, Random random);
    }

    static final Fill NORMAL = (shape, r) -> floats(shape, r::nextGaussian);
    static final Fill UNIT = (shape, r) -> floats(shape, () -> 0.05 + 0.9 * r.nextDouble());
    static final Fill POSITIVE = (shape, r) -> floats(shape, () -> 0.5 + r.nextDouble());
    static final Fill BINARY = (shape, r) -> floats(shape, () -> r.nextInt(2));
    static final Fill FALSE = (shape, r) -> tensor(DType.BOOL, shape, () -> 0);

    private static final Pattern FACTOR = Pattern.compile("(\\d*)([A-Za-z_][A-Za-z_0-9]*)?");

    private DocumentedInputs() {
    }

    static Fill indices(int bound) {
        return (shape, r) -> tensor(DType.INT64, shape, () -> r.nextInt(bound));
    }

    /** What a model's documentation leaves open: symbol sizes, 0-d values, and special values. */
    static final class Spec {
        private final Map<String, Long> sizes = new HashMap<>();
        private final Map<String, Fill> fills = new HashMap<>();
        private final Map<String, long[]> shapes = new HashMap<>();
        private final Map<String, Tensor> given = new LinkedHashMap<>();
        private long[] anyShape = {2, 3};

        /** Alternating symbol names and sizes, e.g. {@code size("N", 2, "C", 3)}. */
        Spec size(Object... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                sizes.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
            }
            return this;
        }

        /** The shape a {@code (*)} stands for; (2, 3) unless set. */
        Spec any(long... dims) {
            anyShape = dims;
            return this;
        }

        Spec value(String name, double value) {
            given.put(name, Tensor.scalar(DType.FLOAT64, value));
            return this;
        }

        Spec fill(Fill fill, String... names) {
            for (String name : names) {
                fills.put(name, fill);
            }
            return this;
        }

        /** A shape the documentation gives only in words, e.g. "like output". */
        Spec shape(String name, long... dims) {
            shapes.put(name, dims);
            return this;
        }

        Spec tensor(String name, Tensor value) {
            given.put(name, value);
            return this;
        }

        /**
         * The Linear layers {@code prefix.0}, {@code prefix.step}, … of a Sequential mapping
         * {@code widths[0]} features through each width in turn: their documented shape
         * "(out, in)" differs per layer.
         */
        Spec layers(String prefix, int step, long... widths) {
            Random random = new Random(prefix.hashCode());
            for (int i = 0; i + 1 < widths.length; i++) {
                String layer = prefix + "." + (i * step);
                given.put(layer + ".weight", NORMAL.make(new long[] {widths[i + 1], widths[i]}, random));
                given.put(layer + ".bias", NORMAL.make(new long[] {widths[i + 1]}, random));
            }
            return this;
        }
    }

    /** Every input the model reads with the spec's hyper-parameters and layers. */
    static Map<String, Tensor> of(ReferenceModel model, Spec spec) {
        Map<String, Tensor> inputs = new LinkedHashMap<>(spec.given);
        Random random = new Random(model.name().hashCode());
        for (Param p : model.inputsFor(inputs)) {
            if (!inputs.containsKey(p.name())) {
                long[] shape = spec.shapes.containsKey(p.name()) ? spec.shapes.get(p.name())
                        : shape(model, p, spec, inputs);
                inputs.put(p.name(), spec.fills.getOrDefault(p.name(), NORMAL).make(shape, random));
            }
        }
        return inputs;
    }

    private static long[] shape(ReferenceModel model, Param p, Spec spec, Map<String, Tensor> inputs) {
        String text = p.shape();
        String bare = text.replaceAll("^\\((like .*)\\)$", "$1");
        if (bare.startsWith("like ")) {
            Tensor like = inputs.get(bare.substring(5));
            if (like == null) {
                fail(model.name() + ": " + p.name() + " is documented '" + text + "'; give its shape in the spec");
            }
            return like.shape();
        }
        text = firstAlternative(text);
        if (text.equals("()")) {
            fail(model.name() + ": the spec gives no value for the 0-d input " + p.name());
        }
        if (!text.startsWith("(") || !text.endsWith(")")) {
            fail(model.name() + ": cannot read the documented shape '" + p.shape() + "' of " + p.name());
        }
        List<Long> dims = new ArrayList<>();
        for (String part : text.substring(1, text.length() - 1).split(",")) {
            String dim = part.trim();
            if (dim.equals("*")) {
                for (long d : spec.anyShape) {
                    dims.add(d);
                }
            } else if (!dim.isEmpty() && !dim.equals("...")) {
                dims.add(size(model, p, dim.replace("...", ""), spec, inputs));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String firstAlternative(String text) {
        int cut = text.length();
        for (String separator : List.of(" | ", " or ")) {
            int at = text.indexOf(separator);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        return text.substring(0, cut).trim();
    }

    /** A product of factors such as {@code 4*H}, {@code 3E}, {@code D*num_layers}. */
    private static long size(ReferenceModel model, Param p, String expression, Spec spec, Map<String, Tensor> inputs) {
        long product = 1;
        for (String factor : expression.split("\\*")) {
            Matcher m = FACTOR.matcher(factor.trim());
            if (!m.matches() || m.group(0).isEmpty()) {
                fail(model.name() + ": cannot read '" + expression + "' in the shape of " + p.name());
            }
            product *= m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
            if (m.group(2) != null) {
                product *= symbol(model, p, m.group(2), spec, inputs);
            }
        }
        return product;
    }

    private static long symbol(ReferenceModel model, Param p, String symbol, Spec spec, Map<String, Tensor> inputs) {
        if (spec.sizes.containsKey(symbol)) {
            return spec.sizes.get(symbol);
        }
        Tensor scalar = inputs.get(symbol);
        if (scalar != null && scalar.rank() == 0) {
            return (long) scalar.values()[0];
        }
        return fail(model.name() + ": the spec gives no size for '" + symbol + "' in " + p.name() + " " + p.shape());
    }

    static Tensor floats(long[] shape, DoubleSupplier values) {
        return tensor(DType.FLOAT32, shape, values);
    }

    private static Tensor tensor(DType dtype, long[] shape, DoubleSupplier values) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        double[] v = new double[Math.toIntExact(size)];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype == DType.FLOAT32 ? (float) values.getAsDouble() : values.getAsDouble();
        }
        return new Tensor(dtype, shape, v);
    }
}

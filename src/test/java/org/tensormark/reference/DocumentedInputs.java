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
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Inputs for one model made from what {@code tensormark reference --list} documents, as a TA would
 * make them: every listed input, placeholders expanded, its shape read from the documented text
 * with the sizes a {@link Spec} gives the symbols ("(G*H, H_in)" with G = 4, H = 3, H_in = 2),
 * its values standard normal unless the spec fills it otherwise; 0-d inputs take the value the
 * spec gives, and Sequential layers ({@code encoder.{2k}.weight}) are given by the spec.
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

    /** One input row of {@code tensormark reference --list}: name (maybe a pattern) and shape text. */
    record Listed(String name, String shape) {
    }

    private static final Pattern RECURRENT = Pattern.compile("(.*_l)\\{k\\}(\\[_reverse\\])?");
    private static final Pattern SEQUENTIAL = Pattern.compile("(.*\\.)\\{(2?)k\\}(\\..*)");

    /**
     * Every listed input, placeholders expanded as the list's legend says: {@code _l{k}} for
     * k &lt; num_layers, {@code [_reverse]} again with that suffix when bidirectional is 1,
     * {@code .{k}.}/{@code .{2k}.} for the Sequential layers the spec gives. In a per-layer shape
     * "A or B", layer 0 reads A and later layers B.
     */
    static Map<String, Tensor> of(String model, List<Listed> listed, Spec spec) {
        Map<String, Tensor> inputs = new LinkedHashMap<>(spec.given);
        Random random = new Random(model.hashCode());
        int layers = (int) number(inputs, "num_layers", 1);
        boolean bidirectional = number(inputs, "bidirectional", 0) != 0;
        for (Listed row : listed) {
            Matcher recurrent = RECURRENT.matcher(row.name());
            Matcher sequential = SEQUENTIAL.matcher(row.name());
            if (recurrent.matches()) {
                for (int k = 0; k < layers; k++) {
                    for (String direction : recurrent.group(2) != null && bidirectional ? List.of("", "_reverse")
                            : List.of("")) {
                        String name = recurrent.group(1) + k + direction;
                        generate(model, name, row.shape(), k, spec, inputs, random);
                    }
                }
            } else if (!sequential.matches()) {
                generate(model, row.name(), row.shape(), 0, spec, inputs, random);
            }
        }
        return inputs;
    }

    private static double number(Map<String, Tensor> inputs, String name, double fallback) {
        return inputs.containsKey(name) ? inputs.get(name).values()[0] : fallback;
    }

    private static void generate(String model, String name, String shapeText, int layer, Spec spec,
            Map<String, Tensor> inputs, Random random) {
        if (!inputs.containsKey(name)) {
            long[] shape = spec.shapes.containsKey(name) ? spec.shapes.get(name)
                    : shape(model, name, shapeText, layer, spec, inputs);
            inputs.put(name, spec.fills.getOrDefault(name, NORMAL).make(shape, random));
        }
    }

    private static long[] shape(String model, String name, String shapeText, int layer, Spec spec,
            Map<String, Tensor> inputs) {
        String bare = shapeText.replaceAll("^\\((like .*)\\)$", "$1");
        if (bare.startsWith("like ")) {
            Tensor like = inputs.get(bare.substring(5));
            if (like == null) {
                fail(model + ": " + name + " is documented '" + shapeText + "'; give its shape in the spec");
            }
            return like.shape();
        }
        String text = firstAlternative(shapeText);
        if (text.equals("()")) {
            fail(model + ": the spec gives no value for the 0-d input " + name);
        }
        if (!text.startsWith("(") || !text.endsWith(")")) {
            fail(model + ": cannot read the documented shape '" + shapeText + "' of " + name);
        }
        List<Long> dims = new ArrayList<>();
        for (String part : text.substring(1, text.length() - 1).split(",")) {
            String[] perLayer = part.trim().split(" or ");
            String dim = perLayer[Math.min(layer, perLayer.length - 1)].trim();
            if (dim.equals("*")) {
                for (long d : spec.anyShape) {
                    dims.add(d);
                }
            } else if (!dim.isEmpty() && !dim.equals("...")) {
                dims.add(size(model, name, dim.replace("...", ""), spec, inputs));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** The text before the first " | " or " or " outside parentheses. */
    private static String firstAlternative(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && (text.startsWith(" | ", i) || text.startsWith(" or ", i))) {
                return text.substring(0, i).trim();
            }
        }
        return text.trim();
    }

    /** A product of factors such as {@code 4*H}, {@code 3E}, {@code D*num_layers}. */
    private static long size(String model, String name, String expression, Spec spec, Map<String, Tensor> inputs) {
        long product = 1;
        for (String factor : expression.split("\\*")) {
            Matcher m = FACTOR.matcher(factor.trim());
            if (!m.matches() || m.group(0).isEmpty()) {
                fail(model + ": cannot read '" + expression + "' in the shape of " + name);
            }
            product *= m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
            if (m.group(2) != null) {
                product *= symbol(model, name, m.group(2), spec, inputs);
            }
        }
        return product;
    }

    private static long symbol(String model, String name, String symbol, Spec spec, Map<String, Tensor> inputs) {
        if (spec.sizes.containsKey(symbol)) {
            return spec.sizes.get(symbol);
        }
        Tensor scalar = inputs.get(symbol);
        if (scalar != null && scalar.rank() == 0) {
            return (long) scalar.values()[0];
        }
        return fail(model + ": the spec gives no size for '" + symbol + "' in the shape of " + name);
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

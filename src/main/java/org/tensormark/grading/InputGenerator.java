package org.tensormark.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * Makes the input arrays of a check case, the same on every machine for the same seed (Java's
 * SplittableRandom, no platform maths), so reference outputs can be cached and reproduced.
 */
final class InputGenerator {

    private InputGenerator() {
    }

    static Tensor generate(InputSpec spec, long seed, List<Long> shapeOverride, double scaleOverride) {
        if (spec.value() != null) {
            return fixed(spec.value(), spec.dtype());
        }
        List<Long> shape = shapeOverride == null ? spec.shape() : shapeOverride;
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        int n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, (int) d);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double scale = Double.isNaN(scaleOverride) ? spec.scale() : scaleOverride;
        double[] values = new double[n];
        int columns = dims.length == 0 ? 1 : (int) dims[dims.length - 1];
        for (int i = 0; i < n; i++) {
            values[i] = draw(spec, random, scale, i, columns);
        }
        if (spec.dist().equals("onehot")) {
            oneHot(values, columns, random);
        }
        return new Tensor(spec.dtype(), dims, round(values, spec.dtype()));
    }

    private static double draw(InputSpec spec, SplittableRandom random, double scale, int i, int columns) {
        return switch (spec.dist()) {
            case "normal" -> gaussian(random) * scale;
            case "uniform" -> (spec.low() + (spec.high() - spec.low()) * random.nextDouble()) * scale;
            case "int" -> Math.floor(spec.low() + (spec.high() - spec.low()) * random.nextDouble());
            case "binary" -> random.nextBoolean() ? 1 : 0;
            case "prob" -> switch (random.nextInt(6)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> random.nextDouble();
            };
            default -> 0;
        };
    }

    private static void oneHot(double[] values, int columns, SplittableRandom random) {
        for (int row = 0; row < values.length / columns; row++) {
            int hot = random.nextInt(columns);
            for (int c = 0; c < columns; c++) {
                values[row * columns + c] = c == hot ? 1 : 0;
            }
        }
    }

    /** Box–Muller from two uniforms: reproducible everywhere, unlike nextGaussian's history. */
    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] round(double[] values, DType dtype) {
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
        return values;
    }

    static Tensor fixed(Object value, DType dtype) {
        List<Long> shape = new ArrayList<>();
        Object level = value;
        while (level instanceof List<?> list) {
            shape.add((long) list.size());
            level = list.isEmpty() ? null : list.get(0);
        }
        List<Double> flat = new ArrayList<>();
        flatten(value, flat);
        double[] values = flat.stream().mapToDouble(Double::doubleValue).toArray();
        return new Tensor(dtype, shape.stream().mapToLong(Long::longValue).toArray(), round(values, dtype));
    }

    private static void flatten(Object value, List<Double> out) {
        if (value instanceof List<?> list) {
            list.forEach(v -> flatten(v, out));
        } else if (value instanceof Number num) {
            out.add(num.doubleValue());
        } else if (value instanceof Boolean b) {
            out.add(b ? 1.0 : 0.0);
        } else {
            throw new IllegalArgumentException("a fixed input holds '" + value + "', which is not a number");
        }
    }
}

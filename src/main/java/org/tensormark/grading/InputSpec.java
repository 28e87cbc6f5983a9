package org.tensormark.grading;

import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;

/**
 * How one input array of a tensor check is made: a fixed value, or drawn from a seed with a shape
 * and a distribution. Written in assignment.yaml as, e.g.,
 * {@code x: {shape: [4, 3], dist: normal, scale: 3}} or {@code w: {value: [[0.15, 0.2], [0.25, 0.3]]}}.
 *
 * @param dist normal, uniform, int (integers in [low, high)), binary (0/1), prob (in [0, 1] with
 *             exact 0s and 1s mixed in), onehot (rows with one 1 among {@code high} columns)
 */
record InputSpec(List<Long> shape, String dist, double low, double high, double scale, DType dtype, Object value) {

    static InputSpec parse(String name, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            return new InputSpec(List.of(), "fixed", 0, 0, 1, DType.FLOAT64, raw);
        }
        DType dtype = dtypeOf(name, m.get("dtype"));
        if (m.containsKey("value")) {
            return new InputSpec(List.of(), "fixed", 0, 0, 1, dtype, m.get("value"));
        }
        Object shape = m.get("shape");
        if (!(shape instanceof List<?> dims)) {
            throw new IllegalArgumentException("input '" + name + "' needs a shape list or a value");
        }
        List<Long> longs = dims.stream().map(d -> ((Number) d).longValue()).toList();
        String dist = m.get("dist") == null ? "normal" : String.valueOf(m.get("dist"));
        if (!List.of("normal", "uniform", "int", "binary", "prob", "onehot").contains(dist)) {
            throw new IllegalArgumentException("input '" + name + "': unknown dist '" + dist
                    + "' (normal, uniform, int, binary, prob, onehot)");
        }
        return new InputSpec(longs, dist, number(m.get("low"), -1), number(m.get("high"), 1),
                number(m.get("scale"), 1), dtype, null);
    }

    private static DType dtypeOf(String name, Object raw) {
        if (raw == null) {
            return DType.FLOAT64;
        }
        for (DType t : DType.values()) {
            if (t.numpyName().equals(raw)) {
                return t;
            }
        }
        throw new IllegalArgumentException("input '" + name + "': unknown dtype '" + raw + "'");
    }

    private static double number(Object raw, double fallback) {
        return raw == null ? fallback : ((Number) raw).doubleValue();
    }
}

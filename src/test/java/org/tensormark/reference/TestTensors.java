package org.tensormark.reference;

import java.util.HashMap;
import java.util.Map;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/** Short ways to write the tensors of hand-worked examples. */
final class TestTensors {

    private TestTensors() {
    }

    static Tensor f64(long[] shape, double... values) {
        return new Tensor(DType.FLOAT64, shape, values);
    }

    static Tensor vector(double... values) {
        return f64(new long[] {values.length}, values);
    }

    static Tensor matrix(double[][] rows) {
        int cols = rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return f64(new long[] {rows.length, cols}, values);
    }

    static Tensor scalar(double value) {
        return Tensor.scalar(DType.FLOAT64, value);
    }

    static Tensor integer(long value) {
        return Tensor.scalar(DType.INT64, value);
    }

    /** Alternating names and tensors. */
    static Map<String, Tensor> inputs(Object... pairs) {
        Map<String, Tensor> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Tensor) pairs[i + 1]);
        }
        return out;
    }

    static ReferenceModel model(String name) {
        return ReferenceModels.byName(name).orElseThrow();
    }
}

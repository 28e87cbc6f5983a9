package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.Tensor;

/**
 * Sinusoidal positional encoding ("Attention is all you need", as in the PyTorch tutorial):
 * PE[p, 2i] = sin(p * w_i), PE[p, 2i+1] = cos(p * w_i), w_i = exp(-2i ln(base) / E), computed in
 * double precision and added to the input.
 */
final class PositionalEncoding implements ReferenceModel {

    @Override
    public String name() {
        return "positional_encoding";
    }

    @Override
    public String description() {
        return "sinusoidal positional encoding added to a (L, N, E) sequence";
    }

    @Override
    public List<Param> inputs() {
        return List.of(
                new Param("input", "(L, N, E) | (N, L, E)", "the embedded sequence", true),
                new Param("batch_first", "()", "0 or 1, default 0", false),
                new Param("base", "()", "wavelength base, default 10000", false));
    }

    @Override
    public List<String> outputs() {
        return List.of("encoding", "output");
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> inputs) {
        try (ComputeScope scope = new ComputeScope(name(), inputs, "input")) {
            ModelInputs in = scope.inputs();
            boolean batchFirst = in.flag("batch_first", false);
            NDArray x = scope.array("input", batchFirst ? "(N, L, E)" : "(L, N, E)", ModelInputs.ANY, ModelInputs.ANY,
                    ModelInputs.ANY);
            long length = x.getShape().get(batchFirst ? 1 : 0);
            long e = x.getShape().get(2);
            NDArray pe = scope.manager().create(table(length, e, in.number("base", 10000)), new Shape(length, e))
                    .toType(scope.floating(), false);
            scope.put("encoding", pe);
            scope.put("output", x.add(batchFirst ? pe.expandDims(0) : pe.expandDims(1)));
            return scope.outputs();
        }
    }

    static double[] table(long length, long e, double base) {
        double[] pe = new double[Math.toIntExact(length * e)];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < e; i++) {
                double angle = p * Math.exp(-(i - i % 2) * Math.log(base) / e);
                pe[Math.toIntExact(p * e + i)] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return pe;
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        return Map.of();
    }
}

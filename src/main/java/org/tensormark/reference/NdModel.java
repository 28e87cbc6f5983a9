package org.tensormark.reference;

import static org.tensormark.reference.NdConversion.toNd;
import static org.tensormark.reference.NdConversion.toTensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * A reference model whose computation is one function over NDArrays. {@link #compute} opens a
 * manager, lets the body read its inputs through {@link ModelInputs}, converts the named outputs
 * back to tensors and closes the manager, so no native memory outlives a call. Floating inputs
 * are first brought to one working precision: float64 when any floating input of rank one or more
 * is float64, else float32 (as torch would need for its matrix products). 0-d inputs keep their
 * dtype, so hyper-parameters are read at full precision.
 */
record NdModel(String name, String description, List<Param> inputs, List<String> outputs,
        Body body, Init init) implements ReferenceModel {

    /** The computation: named outputs from checked inputs. */
    interface Body {
        Map<String, NDArray> apply(ModelInputs in, NDManager manager);
    }

    /** PyTorch-style default parameters for the given hyper-parameters. */
    interface Init {
        Map<String, Tensor> apply(DefaultInit random, ModelInputs hyperParameters);
    }

    /** A model without trainable parameters. */
    NdModel(String name, String description, List<Param> inputs, List<String> outputs, Body body) {
        this(name, description, inputs, outputs, body, (random, hyper) -> Map.of());
    }

    @Override
    public Map<String, Tensor> compute(Map<String, Tensor> values) {
        ModelInputs in = new ModelInputs(name, values == null ? Map.of() : commonPrecision(values));
        try (NDManager manager = ReferenceRuntime.newManager()) {
            Map<String, NDArray> result = body.apply(in, manager);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String output : outputs) {
                NDArray array = result.get(output);
                if (array == null) {
                    throw new IllegalStateException("model '" + name + "' did not produce " + output);
                }
                out.put(output, toTensor(array));
            }
            return out;
        }
    }

    @Override
    public Map<String, Tensor> initialise(long seed, Map<String, Tensor> hyperParameters) {
        return init.apply(new DefaultInit(seed), new ModelInputs(name, hyperParameters));
    }

    private static Map<String, Tensor> commonPrecision(Map<String, Tensor> values) {
        boolean anyDouble = false;
        for (Tensor t : values.values()) {
            anyDouble |= t != null && t.rank() > 0 && t.dtype() == DType.FLOAT64;
        }
        DType working = anyDouble ? DType.FLOAT64 : DType.FLOAT32;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor t = e.getValue();
            boolean keep = t == null || t.rank() == 0 || !t.dtype().isFloating() || t.dtype() == working;
            out.put(e.getKey(), keep ? t : cast(t, working));
        }
        return out;
    }

    private static Tensor cast(Tensor t, DType dtype) {
        double[] v = t.values().clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
        return new Tensor(dtype, t.shape(), v);
    }

    static Param required(String name, String shape, String description) {
        return new Param(name, shape, description, true);
    }

    static Param optional(String name, String shape, String description) {
        return new Param(name, shape, description, false);
    }

    /**
     * A 0-d array of {@code like}'s dtype: arithmetic with it keeps a 0-d operand in its own
     * dtype, where a Java double would promote it to float64 (as torch does for 0-d tensors).
     */
    static NDArray scalar(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    /** A required input as an array, after checking its shape. */
    static NDArray array(NDManager manager, ModelInputs in, String name, String layout, long... dims) {
        return toNd(manager, in.required(name, layout, dims));
    }
}

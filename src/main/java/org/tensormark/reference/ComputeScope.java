package org.tensormark.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensormark.tensor.DType;
import org.tensormark.tensor.Tensor;

/**
 * One model call: its checked inputs, a private {@link NDManager} closed with the scope, and the
 * floating type every floating input is computed in (that of the model's main input, so float32
 * cases are computed as PyTorch computes them and float64 cases in double precision).
 */
final class ComputeScope implements AutoCloseable {

    private final ModelInputs inputs;
    private final NDManager manager;
    private final DataType floating;
    private final Map<String, Tensor> outputs = new LinkedHashMap<>();
    private final Map<String, NDArray> differentiated = new LinkedHashMap<>();
    private boolean recording;

    ComputeScope(String model, Map<String, Tensor> values, String... mainInputs) {
        this.inputs = new ModelInputs(model, values);
        this.floating = inputs.floatingType(mainInputs) == DType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        this.manager = ReferenceRuntime.newManager();
    }

    ModelInputs inputs() {
        return inputs;
    }

    NDManager manager() {
        return manager;
    }

    DataType floating() {
        return floating;
    }

    /** A required floating input of the given shape, in the scope's floating type. */
    NDArray array(String name, String layout, long... dims) {
        return tracked(name, floating(inputs.required(name, layout, dims)));
    }

    /** An optional floating input of the given shape, in the scope's floating type. */
    Optional<NDArray> optionalArray(String name, String layout, long... dims) {
        return inputs.optional(name, layout, dims).map(t -> tracked(name, floating(t)));
    }

    /**
     * From now on every floating input read through {@link #array} or {@link #optionalArray}
     * requires a gradient; call inside {@link ReferenceRuntime#withGradients}.
     */
    void recordGradients() {
        recording = true;
    }

    /** Records {@code name.grad} for every input read since {@link #recordGradients}, after backward. */
    void putGradients() {
        differentiated.forEach((name, array) -> put(name + ".grad", array.getGradient()));
    }

    private NDArray tracked(String name, NDArray array) {
        if (recording) {
            array.setRequiresGradient(true);
            differentiated.put(name, array);
        }
        return array;
    }

    /** A required integral input (token ids, labels) as an int64 array. */
    NDArray indices(String name, String layout, long... dims) {
        Tensor t = inputs.required(name, layout, dims);
        inputs.checkIntegral(name, t);
        return NdConversion.toNd(manager, t).toType(DataType.INT64, false);
    }

    /** A mask input as given: boolean masks stay boolean, others become additive floating masks. */
    Optional<NDArray> mask(String name) {
        return inputs.optional(name).map(t -> t.dtype() == DType.BOOL ? NdConversion.toNd(manager, t) : floating(t));
    }

    NDArray zeros(long... shape) {
        return manager.zeros(new ai.djl.ndarray.types.Shape(shape), floating);
    }

    /** Records one output, copied out of native memory. */
    void put(String name, NDArray value) {
        outputs.put(name, NdConversion.toTensor(value));
    }

    Map<String, Tensor> outputs() {
        return outputs;
    }

    private NDArray floating(Tensor t) {
        return NdConversion.toNd(manager, t).toType(floating, false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
